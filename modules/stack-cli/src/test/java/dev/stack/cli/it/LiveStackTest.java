package dev.stack.cli.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that runs real stacks with the built jar: every test has its own {@code STACK_HOME} and
 * stack folder, and leaves no process behind, whatever happened.
 */
abstract class LiveStackTest {

  /** The machine is shared and loaded: waits are generous. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  StackCli stack;

  @BeforeEach
  void newStack() throws IOException {
    stack = new StackCli(Files.createDirectories(dir.resolve("home")), dir.resolve("app").resolve("stack.yaml"));
    Files.createDirectories(stack.stackFile().getParent());
  }

  @AfterEach
  void leaveNothingBehind() {
    stack.cleanUp();
  }

  /** Writes the stack file. */
  void stackFile(String yaml) throws IOException {
    Files.writeString(stack.stackFile(), yaml);
  }

  static ConditionFactory patiently() {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).ignoreExceptions();
  }

  /** Waits until the instance's ps row satisfies the condition, and returns that row. */
  JsonNode awaitRow(String instance, Predicate<JsonNode> condition) {
    JsonNode[] seen = new JsonNode[1];
    patiently().alias(instance + " in ps").until(() -> {
      seen[0] = stack.instance(instance);
      return seen[0] != null && condition.test(seen[0]);
    });
    return seen[0];
  }

  static long pid(JsonNode row) {
    return row.path("pid").asLong(0);
  }

  /** A port unlikely to be taken by another test on this machine. */
  static int freePort() {
    for (int i = 0; i < 50; i++) {
      int port = 20000 + ThreadLocalRandom.current().nextInt(20000);
      try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new AssertionError("no free port");
  }
}
