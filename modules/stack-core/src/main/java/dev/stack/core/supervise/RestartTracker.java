package dev.stack.core.supervise;

import dev.stack.core.spi.ExitStatus;
import dev.stack.model.RestartPolicy;
import java.time.Duration;

/**
 * Decides what happens after an instance ends, with PM2's semantics: a run shorter than
 * {@code min_uptime} is unstable; {@code max_restarts} unstable restarts in a row make the service
 * {@code errored}; a run that lasted {@code min_uptime} resets the count and the backoff. A
 * crash after a stable run restarts at once (a service that ran fine deserves a fast retry: PM2
 * restarts in ~7 ms); unstable restarts wait {@code backoff}, doubling up to {@code max_backoff},
 * so a crash loop never storms. Not thread-safe: one per instance, used by its supervisor.
 */
public final class RestartTracker {

  /** What to do after an exit. */
  public sealed interface Decision permits Restart, Complete, Exit, GiveUp {}

  /** Start again after {@code delay}; {@code restarts} counts every restart so far. */
  public record Restart(Duration delay, int restarts) implements Decision {}

  /** Exit 0 under on-failure or no: a finished one-shot. */
  public record Complete() implements Decision {}

  /** Non-zero exit under policy {@code no}. */
  public record Exit() implements Decision {}

  /** Too many unstable restarts in a row. */
  public record GiveUp(int unstableRestarts) implements Decision {}

  private final RestartPolicy policy;
  private int restarts;
  private int unstable;
  private Duration nextDelay;

  public RestartTracker(RestartPolicy policy) {
    this(policy, 0);
  }

  /** A tracker that continues counting from {@code restarts} (after re-adoption). */
  public RestartTracker(RestartPolicy policy, int restarts) {
    this.policy = policy;
    this.restarts = restarts;
    this.nextDelay = policy.backoff();
  }

  /**
   * Decides after an exit.
   *
   * @param exit how it ended (an unknown code counts as a failure)
   * @param uptime how long the run lasted
   */
  public Decision onExit(ExitStatus exit, Duration uptime) {
    boolean stable = uptime.compareTo(policy.minUptime()) >= 0;
    if (stable) {
      unstable = 0;
      nextDelay = policy.backoff();
    }
    boolean restart = switch (policy.policy()) {
      case ALWAYS -> true;
      case ON_FAILURE -> !exit.success();
      case NO -> false;
    };
    if (!restart) {
      return exit.success() ? new Complete() : new Exit();
    }
    restarts++;
    if (stable) {
      return new Restart(Duration.ZERO, restarts);
    }
    if (unstable >= policy.maxRestarts()) {
      restarts--;
      return new GiveUp(unstable);
    }
    unstable++;
    Duration delay = nextDelay;
    Duration doubled = nextDelay.multipliedBy(2);
    nextDelay = doubled.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : doubled;
    return new Restart(delay, restarts);
  }

  /** Restarts so far (all, stable or not). */
  public int restarts() {
    return restarts;
  }

  /** Unstable restarts in a row so far. */
  public int unstableRestarts() {
    return unstable;
  }

  /** Forgets the unstable streak, e.g. after a manual restart. */
  public void reset() {
    unstable = 0;
    nextDelay = policy.backoff();
  }
}
