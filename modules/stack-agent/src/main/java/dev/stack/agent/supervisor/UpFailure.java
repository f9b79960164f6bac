package dev.stack.agent.supervisor;

import dev.stack.agent.daemon.RequestException;
import java.util.List;

/**
 * {@code up} (or {@code start}, {@code restart}) could not bring an instance to the state asked
 * for.
 *
 * @param instance the instance that failed ({@code api}, {@code api-2})
 * @param reason one line: why
 * @param lastLines its last log lines (at most 20)
 * @param hint what to do, or null for the default (its last lines, or where its logs are)
 */
record UpFailure(String instance, String reason, List<String> lastLines, String hint) {

  UpFailure(String instance, String reason, List<String> lastLines) {
    this(instance, reason, lastLines, null);
  }

  /** What the user sees when an instance did not come up: the reason, then its last lines. */
  RequestException toRequestException() {
    return new RequestException(instance + ": " + reason, hint != null ? hint
        : lastLines.isEmpty() ? "see 'stack logs " + serviceOf(instance) + "'"
            : "last lines of " + instance + ":\n    " + String.join("\n    ", lastLines), 1);
  }

  private static String serviceOf(String instance) {
    int dash = instance.lastIndexOf('-');
    return dash > 0 && instance.substring(dash + 1).chars().allMatch(Character::isDigit) ? instance.substring(0, dash) : instance;
  }
}
