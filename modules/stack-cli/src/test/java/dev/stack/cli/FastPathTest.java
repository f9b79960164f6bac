package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The picocli-free path takes only plain {@code ps}; everything else goes the ordinary way. */
class FastPathTest {

  private static Integer fast(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return FastPath.tryRun(new Session(sink, sink, Map.of("STACK_HOME", "/nonexistent")), args);
  }

  @Test
  void declinesOtherCommandsAndOptionsItDoesNotKnow() {
    assertNull(fast("up"));
    assertNull(fast("--help"));
    assertNull(fast("ps", "--watch"));
    assertNull(fast("ps", "--profile", "prod"));
    assertNull(fast("-f", "x.yaml", "--set", "a=b", "ps"));
    assertNull(fast("ps", "extra"));
    assertNull(fast("logs", "-f"));
    assertNull(fast());
  }
}
