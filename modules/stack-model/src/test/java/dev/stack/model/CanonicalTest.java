package dev.stack.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {

  static Service service(Map<String, EnvValue> env) {
    return new Service("api", "native", List.of("./api", "--port", "8080"), null, null, null, "/srv", env, null,
        List.of(Port.of(8080)), null, Map.of("db", Condition.HEALTHY), null, null, null, null, null, 1, null, null, true,
        null, null);
  }

  @Test
  void serviceInDocumentOrderWithDefaults() {
    Map<String, EnvValue> env = new LinkedHashMap<>();
    env.put("A", EnvValue.plain("1"));
    env.put("PW", new EnvValue("pw", true));
    assertEquals("""
        {
          "command": [
            "./api",
            "--port",
            "8080"
          ],
          "workdir": "/srv",
          "env": {
            "A": "1",
            "PW": "******"
          },
          "ports": [
            "8080"
          ],
          "depends_on": {
            "db": "healthy"
          },
          "restart": {
            "policy": "on-failure",
            "max_restarts": 10,
            "backoff": "100ms",
            "max_backoff": "30s",
            "min_uptime": "1s"
          },
          "stop": {
            "signal": "TERM",
            "timeout": "10s"
          },
          "logs": {
            "max_size": "10m",
            "keep": 5
          },
          "replicas": 1,
          "security": {
            "no_new_privileges": false,
            "cap_drop": [],
            "cap_add": [],
            "read_only": false,
            "tmpfs": []
          },
          "init": true,
          "backend": "native"
        }""", Json.pretty(Canonical.of(service(env), Canonical.Mode.MASKED)));
  }

  @Test
  void hashChangesWithASecretButNeverShowsIt() {
    String a = Canonical.hash(service(Map.of("PW", new EnvValue("one", true))));
    String b = Canonical.hash(service(Map.of("PW", new EnvValue("two", true))));
    assertEquals(64, a.length());
    assertNotEquals(a, b);
    assertEquals(a, Canonical.hash(service(Map.of("PW", new EnvValue("one", true)))));
    assertEquals("{\"PW\":\"sha256:7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed\"}",
        Json.compact(Canonical.of(service(Map.of("PW", new EnvValue("one", true))), Canonical.Mode.HASHED).get("env")));
  }

  @Test
  void jsonEscapesAndKeepsOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "a \"q\"\n\\ \u0001");
    m.put("a", List.of(1, 2.5, 3.0, true));
    m.put("e", Map.of());
    m.put("n", null);
    assertEquals("{\"z\":\"a \\\"q\\\"\\n\\\\ \\u0001\",\"a\":[1,2.5,3,true],\"e\":{},\"n\":null}", Json.compact(m));
    assertThrows(IllegalArgumentException.class, () -> Json.compact(List.of(new Object())));
  }

  @Test
  void dependencyCyclesAndLevels() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("a", List.of("b"));
    deps.put("b", List.of("c"));
    deps.put("c", List.of("a"));
    deps.put("d", List.of());
    assertEquals(List.of(List.of("a", "b", "c", "a")), DependencyGraph.cycles(deps));
    assertEquals("dependency cycle: a -> b -> c -> a",
        assertThrows(IllegalArgumentException.class, () -> DependencyGraph.levels(deps)).getMessage());
    deps.put("c", List.of("d", "x"));
    assertEquals(List.of(List.of("d"), List.of("c"), List.of("b"), List.of("a")), DependencyGraph.levels(deps));
  }
}
