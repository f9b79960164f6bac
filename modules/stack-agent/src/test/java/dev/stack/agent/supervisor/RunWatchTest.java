package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.model.Stack;
import dev.stack.model.load.StackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which port a health probe of an instance reaches. */
class RunWatchTest {

  @TempDir
  Path dir;

  @Test
  void aNativeReplicaIsProbedOnItsOwnPortOfTheRangeAContainerOnTheChecksPort() throws Exception {
    Path file = Files.writeString(dir.resolve("stack.yaml"), """
        services:
          web:
            command: [serve]
            replicas: 3
            ports: ["9400-9402"]
            health: {http: /}
          api:
            command: [serve]
            replicas: 2
            ports: ["9500-9501", "9600-9601"]
            health: {tcp: 9600}
          admin:
            command: [serve]
            ports: ["9700"]
            health: {tcp: 9800}
          box:
            image: stack-busybox:1
            backend: docker
            replicas: 2
            ports: ["8080"]
            health: {http: /}
        """);
    Stack stack = StackLoader.load(new StackLoader.Request(file, "stack.yaml", "dev", List.of(), Map.of())).stack();
    assertEquals(List.of(9400, 9401, 9402), List.of(port(stack, "web", 1), port(stack, "web", 2), port(stack, "web", 3)));
    assertEquals(9601, port(stack, "api", 2), "the check's port is the second range's first: that range's own port");
    assertEquals(9800, port(stack, "admin", 1), "a port the service does not list is probed as written");
    assertEquals(8080, port(stack, "box", 2), "every container listens on the same port, at its own address");
  }

  private static int port(Stack stack, String service, int index) {
    return RunWatch.probePort(stack.services().get(service), index);
  }
}
