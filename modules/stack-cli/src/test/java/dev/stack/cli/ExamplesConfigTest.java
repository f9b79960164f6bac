package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.json.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stack config --profile dev|prod} on both examples prints the merged, interpolated stack:
 * the profile's backend and hardening, the overlays beside the file, the environment's variables,
 * service addresses left symbolic for the backends.
 */
class ExamplesConfigTest {

  private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String example, String profile, Map<String, String> env, String name) {
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(env);
    CliRun run = CliRun.stack(all, "-f", EXAMPLES.resolve(example).resolve("stack.yaml").toString(), "config",
        "--json", "--profile", profile);
    assertEquals(0, run.code(), run.err());
    assertEquals("profile: " + profile, run.err().strip());
    Map<String, Object> stack = Json.parseObject(run.out());
    return (Map<String, Object>) ((Map<String, Object>) stack.get("services")).get(name);
  }

  @Test
  void helloOnDevIsNativeAndPublishesOnLoopback() {
    Map<String, Object> web = service("hello", "dev", Map.of(), "web");
    assertEquals("native", web.get("backend"));
    assertEquals(List.of("java", "Web.java"), web.get("command"));
    assertEquals(Map.of("setup", "completed"), web.get("depends_on"));
    Map<String, Object> worker = service("hello", "dev", Map.of(), "worker");
    assertEquals("http://${svc.web.host}:${svc.web.port}/", ((Map<String, Object>) worker.get("env")).get("WEB_URL"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void helloOnProdRunsTheBesideFileOverlayInHardenedContainers() {
    Map<String, Object> web = service("hello", "prod", Map.of(), "web");
    assertEquals("docker", web.get("backend"));
    assertEquals("stack-busybox:1", web.get("image"));
    assertEquals(List.of("httpd", "-f", "-v", "-p", "8080", "-h", "/www"), web.get("command"));
    Map<String, Object> security = (Map<String, Object>) web.get("security");
    assertEquals(true, security.get("no_new_privileges"));
    assertEquals(List.of("ALL"), security.get("cap_drop"));
    assertEquals(true, web.get("init"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shopOnProdBuildsItsImageFromABaseTheEnvironmentCanChange() {
    Map<String, Object> api = service("shop", "prod", Map.of("BASE_IMAGE", "stack-jre:17"), "api");
    Map<String, Object> build = (Map<String, Object>) api.get("build");
    assertEquals(Map.of("BASE_IMAGE", "stack-jre:17"), build.get("args"));
    assertEquals(List.of("java", "-cp", "/app/shop.jar", "dev.stack.examples.shop.Api"), api.get("command"));
    Map<String, Object> dflt = (Map<String, Object>) service("shop", "prod", Map.of("BASE_IMAGE", ""), "api").get("build");
    assertEquals(Map.of("BASE_IMAGE", "eclipse-temurin:17-jre"), dflt.get("args"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shopOnDevRunsTheJarNativelyWithSymbolicAddresses() {
    Map<String, Object> gateway = service("shop", "dev", Map.of(), "gateway");
    assertEquals("native", gateway.get("backend"));
    assertTrue(((List<String>) gateway.get("command")).contains("target/shop.jar"), gateway.toString());
    assertEquals("http://${svc.api.host}:${svc.api.port}", ((Map<String, Object>) gateway.get("env")).get("API_URL"));
  }
}
