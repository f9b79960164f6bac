package dev.stack.agent.supervisor;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.model.Condition;

/**
 * What a waiter for an instance ({@code up}, a dependent) is told: the condition is met, not yet,
 * or never will be and why; from a look at the instance taken under its supervisor's lock.
 *
 * @param crashes runs that failed in a row, the last included (shown for an errored instance)
 * @param probe the last health probe's detail, or null when the service has no health check
 */
record Readiness(State state, HealthState health, String lastError, ExitStatus lastExit, int crashes, String probe) {

  /**
   * null = met; "" = not yet; text = failed for good. A restarting instance has started (as
   * Compose's {@code service_started}): an {@code up} or a dependent waiting for that does not hang
   * on whether it looked before or after a quick crash; for {@code healthy} it waits on.
   */
  String verdict(Condition condition) {
    return switch (state) {
      case ONLINE -> switch (condition) {
        case STARTED -> null;
        case HEALTHY -> health == HealthState.HEALTHY || health == HealthState.NONE ? null
            : health == HealthState.UNHEALTHY ? "unhealthy: " + probe : "";
        case COMPLETED -> "";
      };
      case COMPLETED -> null;
      case STARTING -> "";
      case RESTARTING -> condition == Condition.STARTED ? null : "";
      case STOPPING, STOPPED -> "was stopped";
      case EXITED -> lastError != null ? lastError : "exited (" + lastExitText() + ")";
      case ERRORED -> "errored: crashed " + crashes + " times in a row (last: " + lastExitText() + ")";
    };
  }

  /** Why waiting for {@code condition} ran out of time. */
  String timedOut(Condition condition) {
    return switch (condition) {
      case STARTED -> "did not start in time (" + state.word() + ")";
      case HEALTHY -> "not healthy in time (" + (probe == null ? "no probe" : probe) + ")";
      case COMPLETED -> "did not complete in time (" + state.word() + ")";
    };
  }

  private String lastExitText() {
    return lastExit == null ? "?" : lastExit.describe();
  }
}
