package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picocli-free path takes only plain {@code ps} and {@code up}; everything else goes the ordinary way. */
class FastPathTest {

  private static Integer fast(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return FastPath.tryRun(new Session(sink, sink, Map.of("STACK_HOME", "/nonexistent")), args);
  }

  @Test
  void declinesOtherCommandsAndOptionsItDoesNotKnow() {
    assertNull(fast("up", "--dry-run"));
    assertNull(fast("up", "--help"));
    assertNull(fast("up", "--set", "services.a.replicas=2"));
    assertNull(fast("up", "--wait-timeout", "5s"));
    assertNull(fast("up", "--profile", "dev", "--profile", "prod"));
    assertNull(fast("--profile", "prod", "up"));
    assertNull(fast("up", "--foreground"));
    assertNull(fast("down"));
    assertNull(fast("--help"));
    assertNull(fast("ps", "--watch"));
    assertNull(fast("ps", "--profile", "prod"));
    assertNull(fast("-f", "x.yaml", "--set", "a=b", "ps"));
    assertNull(fast("ps", "extra"));
    assertNull(fast("logs", "-f"));
    assertNull(fast());
  }

  @Test
  void upPrintsAndExitsAsThePicocliPathDoes(@TempDir Path tmp) throws Exception {
    // a home that cannot be made (under a plain file): the agent cannot start
    Files.writeString(tmp.resolve("file"), "");
    Map<String, String> env = Map.of("STACK_HOME", tmp.resolve("file/home").toString());
    ByteArrayOutputStream fastErr = new ByteArrayOutputStream();
    PrintStream fastOut = new PrintStream(new ByteArrayOutputStream());
    Integer fast = FastPath.tryRun(new Session(fastOut, new PrintStream(fastErr, true), env), "-f", "s.yaml", "up", "api");
    ByteArrayOutputStream slowErr = new ByteArrayOutputStream();
    // --wait-timeout with its default value: the same request, through picocli
    int slow = Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(slowErr, true), env,
        "-f", "s.yaml", "up", "api", "--wait-timeout", "60s");
    assertEquals(1, fast);
    assertEquals(1, slow);
    assertTrue(fastErr.toString().startsWith("error: cannot start the agent in " + tmp.resolve("file/home")), fastErr.toString());
    assertEquals(slowErr.toString(), fastErr.toString());
  }
}
