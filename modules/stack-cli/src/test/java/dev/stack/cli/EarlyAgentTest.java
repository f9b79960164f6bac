package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which arguments start the agent before picocli parses them. */
class EarlyAgentTest {

  @TempDir Path tmp;

  @Test
  void theCommandIsTheFirstWordThatIsNotAnOptionOrItsValue() {
    assertEquals("up", EarlyAgent.command("up", "--profile", "dev"));
    assertEquals("up", EarlyAgent.command("-f", "up", "up"));
    assertEquals("restart", EarlyAgent.command("--file", "s.yaml", "--set", "a=b", "--profile", "prod", "restart", "api"));
    assertEquals("start", EarlyAgent.command("--no-color", "--debug", "start"));
    assertEquals("ps", EarlyAgent.command("--file=s.yaml", "ps"));
    assertNull(EarlyAgent.command("-f", "s.yaml"));
    assertNull(EarlyAgent.command());
  }

  @Test
  void upStartAndRestartNeedAnAgentUnlessTheyOnlyPrintHelpOrRunInTheForeground() {
    assertTrue(EarlyAgent.needsAgent("up"));
    assertTrue(EarlyAgent.needsAgent("-f", "s.yaml", "up", "--profile", "prod", "api"));
    assertTrue(EarlyAgent.needsAgent("start", "web"));
    assertTrue(EarlyAgent.needsAgent("restart"));
    assertTrue(EarlyAgent.needsAgent("up", "--dry-run")); // the agent makes the plan
    assertFalse(EarlyAgent.needsAgent("up", "--help"));
    assertFalse(EarlyAgent.needsAgent("restart", "-h"));
    assertFalse(EarlyAgent.needsAgent("up", "--foreground"));
    assertFalse(EarlyAgent.needsAgent("-f", "up", "config"));
    assertFalse(EarlyAgent.needsAgent("validate"));
    assertFalse(EarlyAgent.needsAgent("down"));
    assertFalse(EarlyAgent.needsAgent("ps"));
    assertFalse(EarlyAgent.needsAgent());
  }

  @Test
  void aCommandThatNeedsNoAgentLeavesTheHomeUntouched() {
    Path home = tmp.resolve("home");
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    EarlyAgent.startFor(new Session(sink, sink, Map.of("STACK_HOME", home.toString())), "up", "--help");
    assertFalse(Files.exists(home));
  }
}
