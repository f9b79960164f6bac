package dev.stack.core.testing;

import java.util.Map;
import java.util.UUID;

/**
 * Labels for everything a test creates in the engine. Other test runs may share the engine, so
 * a test cleans up only by its own case label; {@code .ci/run} removes leftovers of its run.
 */
public final class DockerTestLabels {

  /** Present on every test container, network and image: {@code dev.stack.test=1}. */
  public static final String TEST = "dev.stack.test";
  /** The test run: {@code STACK_TEST_RUN_ID} (set by {@code .ci/run}) or one id per JVM. */
  public static final String RUN = "dev.stack.test.run";
  /** One test case, so a test removes exactly what it made. */
  public static final String CASE = "dev.stack.test.case";

  private static final String RUN_ID = runIdFrom(System.getenv("STACK_TEST_RUN_ID"));

  private DockerTestLabels() {
  }

  /** The id of this test run. */
  public static String runId() {
    return RUN_ID;
  }

  /** A fresh, unique id for one test case; also usable in container and image names. */
  public static String newCaseId() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The labels of one test case: test, run and case. */
  public static Map<String, String> forCase(String caseId) {
    return Map.of(TEST, "1", RUN, RUN_ID, CASE, caseId);
  }

  static String runIdFrom(String env) {
    return env == null || env.isBlank() ? "local-" + UUID.randomUUID().toString().substring(0, 8) : env;
  }
}
