package dev.stack.model;

import java.time.Duration;

/**
 * When and how a service is restarted. Semantics follow PM2: {@code maxRestarts} consecutive
 * restarts, each after less than {@code minUptime} of life, make the service {@code errored}; a run
 * that lasted {@code minUptime} resets the count. Backoff doubles from {@code backoff} to
 * {@code maxBackoff}.
 *
 * @param maxMemory restart when the service's whole process tree exceeds this, or null
 */
public record RestartPolicy(Policy policy, int maxRestarts, Duration backoff, Duration maxBackoff,
    Duration minUptime, ByteSize maxMemory) {

  /** Restart policies. */
  public enum Policy {
    ALWAYS("always"), ON_FAILURE("on-failure"), NO("no");

    private final String word;

    Policy(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    /** The policy for a word as written in a stack file, or null. */
    public static Policy of(String word) {
      for (Policy p : values()) {
        if (p.word.equals(word)) {
          return p;
        }
      }
      return null;
    }
  }

  public static final RestartPolicy DEFAULT = new RestartPolicy(Policy.ON_FAILURE, 10,
      Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(1), null);

  public RestartPolicy {
    if (policy == null || backoff == null || maxBackoff == null || minUptime == null) {
      throw new IllegalArgumentException("restart policy fields must be set");
    }
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("max_restarts must not be negative");
    }
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException("max_backoff must not be less than backoff");
    }
  }
}
