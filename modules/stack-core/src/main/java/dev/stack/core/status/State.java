package dev.stack.core.status;

import java.util.Locale;

/**
 * The life-cycle states of a service instance, the same words on every backend ({@code ps --json}
 * uses them).
 *
 * <pre>
 *              start                 probe passes / no probe
 *   stopped ----------> starting ------------------------------> online
 *      ^                   |  ^                                    |
 *      | stop              |  | backoff elapsed                    | exits
 *      |                   v  |                                    v
 *   stopping <------- restarting <--- policy says restart ---- (exit seen)
 *                                                                   |
 *                       completed  <--- exit 0, policy on-failure|no
 *                       exited     <--- non-zero, policy no (or a stop failed)
 *                       errored    <--- max_restarts unstable restarts in a row
 * </pre>
 */
public enum State {
  /** Started, not yet running or not yet healthy. */
  STARTING,
  /** Running; {@link HealthState} says healthy/unhealthy where a probe exists. */
  ONLINE,
  /** A stop was requested and is under way. */
  STOPPING,
  /** Stopped on purpose. */
  STOPPED,
  /** Exited 0 under {@code on-failure} or {@code no}: a finished one-shot. */
  COMPLETED,
  /** Exited non-zero and not restarting. */
  EXITED,
  /** Waiting for its backoff before the next start. */
  RESTARTING,
  /** Gave up: too many unstable restarts in a row. */
  ERRORED;

  /** The word users see, e.g. {@code online}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a process or container of the instance may be running. */
  public boolean active() {
    return this == STARTING || this == ONLINE || this == STOPPING;
  }

  /** Parses a word as written by {@link #word()}. */
  public static State of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
