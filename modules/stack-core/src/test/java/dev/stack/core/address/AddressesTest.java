package dev.stack.core.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stack.model.EnvValue;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressesTest {

  private static Service service(String name, String backend, List<Port> ports, Map<String, EnvValue> env) {
    return new Service(name, backend, List.of("x"), List.of(), "img", null, null, env, List.of(), ports,
        List.of(), Map.of(), null, null, null, null, null, 1, null, null, true, null, null);
  }

  private static Stack stack(Service... services) {
    Map<String, Service> m = new LinkedHashMap<>();
    for (Service s : services) {
      m.put(s.name(), s);
    }
    return new Stack("shop", Path.of("/tmp/shop/stack.yaml"), "dev", "native", "127.0.0.1", m, List.of());
  }

  private static final Map<String, EnvValue> URL = Map.of("DB", EnvValue.plain("pg://${svc.db.host}:${svc.db.port}/x"));

  @Test
  void nativeToNativeIsLoopbackAndTheContainerPort() throws Exception {
    Stack s = stack(service("db", "native", List.of(Port.of(5432)), Map.of()), service("api", "native", List.of(), URL));
    assertEquals(Map.of("DB", "pg://127.0.0.1:5432/x"), Addresses.environment(s, s.services().get("api")));
  }

  @Test
  void dockerToDockerIsTheServiceNameAndContainerPort() throws Exception {
    Stack s = stack(service("db", "docker", List.of(Port.of(5432)), Map.of()), service("api", "docker", List.of(), URL));
    assertEquals("pg://db:5432/x", Addresses.environment(s, s.services().get("api")).get("DB"));
  }

  @Test
  void dockerToNativeGoesThroughTheHostGateway() throws Exception {
    Stack s = stack(service("db", "native", List.of(Port.of(5432)), Map.of()), service("api", "docker", List.of(), URL));
    assertEquals("pg://host.docker.internal:5432/x", Addresses.environment(s, s.services().get("api")).get("DB"));
  }

  @Test
  void nativeToDockerUsesThePublishedHostPortOrSaysWhyNot() throws Exception {
    Port published = new Port("127.0.0.1", 15432, 15432, 5432, 5432, "tcp");
    Stack s = stack(service("db", "docker", List.of(published), Map.of()), service("api", "native", List.of(), URL));
    assertEquals("pg://127.0.0.1:15432/x", Addresses.environment(s, s.services().get("api")).get("DB"));

    Stack hidden = stack(service("db", "docker", List.of(Port.of(5432)), Map.of()), service("api", "native", List.of(), URL));
    Addresses.UnresolvedReference e = assertThrows(Addresses.UnresolvedReference.class,
        () -> Addresses.environment(hidden, hidden.services().get("api")));
    assertEquals("services.api: native service 'api' cannot reach container service 'db': it publishes no port", e.getMessage());
  }

  @Test
  void unknownServiceAndMissingPortAreClearErrors() {
    Stack s = stack(service("db", "native", List.of(), Map.of()),
        service("api", "native", List.of(), Map.of("X", EnvValue.plain("${svc.nope.host}"), "Y", EnvValue.plain("${svc.db.port}"))));
    Addresses.UnresolvedReference e = assertThrows(Addresses.UnresolvedReference.class,
        () -> Addresses.resolve(s, s.services().get("api"), "${svc.nope.host}"));
    assertEquals("services.api: ${svc.nope.*} names no service of the stack", e.getMessage());
    assertEquals("known services: db, api", e.hint());
    e = assertThrows(Addresses.UnresolvedReference.class, () -> Addresses.resolve(s, s.services().get("api"), "${svc.db.port}"));
    assertEquals("services.api: ${svc.db.port}: service 'db' has no port", e.getMessage());
  }
}
