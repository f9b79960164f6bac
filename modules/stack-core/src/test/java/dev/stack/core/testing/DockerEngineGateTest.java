package dev.stack.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class DockerEngineGateTest {

  private static final String HOST = "unix:///var/run/docker.sock";

  @Test
  void anAnsweringEngineEnablesTheTestLocallyAndInCi() {
    assertFalse(DockerEngineGate.decide(HOST, true, false).isDisabled());
    assertFalse(DockerEngineGate.decide(HOST, true, true).isDisabled());
  }

  @Test
  void noEngineSkipsTheTestOnADeveloperMachine() {
    ConditionEvaluationResult result = DockerEngineGate.decide(HOST, false, false);
    assertTrue(result.isDisabled());
    assertEquals("no Docker engine answers at unix:///var/run/docker.sock", result.getReason().orElseThrow());
  }

  @Test
  void noEngineFailsTheTestInCi() {
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        () -> DockerEngineGate.decide(HOST, false, true));
    assertEquals("no Docker engine answers at unix:///var/run/docker.sock: CI requires one", failure.getMessage());
  }

  @Test
  void everyExecutedTestIsOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("target").resolve("docker-tests-executed.txt");
    DockerEngineGate.record(file, "a.BIT#one passed");
    DockerEngineGate.record(file, "a.BIT#two failed");
    assertEquals(List.of("a.BIT#one passed", "a.BIT#two failed"), Files.readAllLines(file));
  }

  @Test
  void theRunIdComesFromTheEnvironmentOrIsMadeUp() {
    assertEquals("ci-42", DockerTestLabels.runIdFrom("ci-42"));
    assertTrue(DockerTestLabels.runIdFrom(null).startsWith("local-"));
    assertTrue(DockerTestLabels.runIdFrom(" ").startsWith("local-"));
  }
}
