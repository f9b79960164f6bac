package dev.stack.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link RequiresDocker}: runs, skips or fails a test by whether an engine
 * answers and whether this is CI, and records every test it let run.
 */
public final class DockerEngineGate implements ExecutionCondition, AfterTestExecutionCallback {

  /** The file, relative to the module (the test's working directory), that lists executed tests. */
  public static final Path EXECUTED = Path.of("target", "docker-tests-executed.txt");

  private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
  // one ping per engine and JVM: every test class asks, the answer does not change within a run
  private static final Map<String, Boolean> ANSWERS = new ConcurrentHashMap<>();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String host = DockerPing.hostFromEnvironment();
    boolean answers = ANSWERS.computeIfAbsent(host, h -> DockerPing.answers(h, PING_TIMEOUT));
    return decide(host, answers, "true".equals(System.getenv("CI")));
  }

  /**
   * Enabled when the engine answers; disabled when it does not, except under CI, where a missing
   * engine is a failure.
   *
   * @throws AssertionFailedError under CI without an engine
   */
  static ConditionEvaluationResult decide(String host, boolean answers, boolean ci) {
    if (answers) {
      return ConditionEvaluationResult.enabled("a Docker engine answers at " + host);
    }
    if (ci) {
      throw new AssertionFailedError("no Docker engine answers at " + host + ": CI requires one");
    }
    return ConditionEvaluationResult.disabled("no Docker engine answers at " + host);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    String outcome = context.getExecutionException().isPresent() ? "failed" : "passed";
    record(Path.of(System.getProperty("basedir", ".")).resolve(EXECUTED),
        context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName()
            + " " + outcome);
  }

  /** Appends one line; test classes may run in parallel, so appends are serialized. */
  static synchronized void record(Path file, String line) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record an executed Docker test in " + file, e);
    }
  }
}
