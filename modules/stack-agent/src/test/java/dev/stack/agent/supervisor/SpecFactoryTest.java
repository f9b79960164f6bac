package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Stack;
import dev.stack.model.load.StackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an instance is told about itself in its environment (docs/stack-file.md, "Service"). */
class SpecFactoryTest {

  @TempDir
  Path dir;

  private Stack load(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("stack.yaml"), yaml);
    return StackLoader.load(new StackLoader.Request(file, "stack.yaml", "dev", List.of(), Map.of())).stack();
  }

  @Test
  void eachInstanceKnowsItsStackServiceReplicaAndOnNativeItsOwnPortOfTheRange() throws Exception {
    Stack stack = load("""
        name: web3
        services:
          web:
            command: [serve]
            replicas: 3
            ports: ["9100-9102"]
            env: {STACK_PORT: "1", STACK_INSTANCE: "9", MODE: fast}
          box:
            image: stack-busybox:1
            backend: docker
            replicas: 2
            ports: ["8080"]
          job:
            command: [run]
        """);
    SpecFactory specs = new SpecFactory(dir.resolve("run"), d -> "h");
    Map<String, String> caller = Map.of("PATH", "/usr/bin");
    Map<String, String> web2 = specs.create(stack, stack.services().get("web"), 2, caller).env();
    assertEquals("web3", web2.get("STACK_NAME"));
    assertEquals("web", web2.get("STACK_SERVICE"));
    assertEquals("2", web2.get("STACK_INSTANCE"));
    assertEquals("9101", web2.get("STACK_PORT"));
    assertEquals("fast", web2.get("MODE"));
    assertEquals("/usr/bin", web2.get("PATH"));
    assertEquals("9100", specs.create(stack, stack.services().get("web"), 1, caller).env().get("STACK_PORT"));
    // a container's port is its container port whatever its replica; it gets none of the caller's environment
    InstanceSpec box2 = specs.create(stack, stack.services().get("box"), 2, caller);
    assertEquals("8080", box2.env().get("STACK_PORT"));
    assertEquals("2", box2.env().get("STACK_INSTANCE"));
    assertFalse(box2.env().containsKey("PATH"));
    // no ports, no STACK_PORT
    assertFalse(specs.create(stack, stack.services().get("job"), 1, caller).env().containsKey("STACK_PORT"));
  }
}
