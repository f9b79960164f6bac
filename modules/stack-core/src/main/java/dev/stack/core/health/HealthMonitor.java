package dev.stack.core.health;

import dev.stack.core.status.HealthState;
import dev.stack.model.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one instance's probe continuously and keeps its health state and recent history.
 *
 * <p>Timeline, as Docker users know it: failures during {@code start_period} do not count; the first
 * pass makes the instance healthy. Until then probes run every {@link #STARTING_PACE} (or the
 * interval, if shorter) so {@code up} notices readiness quickly, and the instance becomes unhealthy
 * only once {@code start_period + retries × interval} have passed without a pass. After it has been
 * healthy, probes run every {@code interval} and {@code retries} failures in a row make it unhealthy.
 */
public final class HealthMonitor {

  /** Probe pace while no probe has passed yet. */
  public static final Duration STARTING_PACE = Duration.ofMillis(200);

  private static final int HISTORY = 20;

  private final Health spec;
  private final Probe probe;
  private final ScheduledExecutorService timer;
  private final Consumer<HealthState> onChange;
  private final Deque<ProbeResult> history = new ArrayDeque<>();
  private volatile HealthState state = HealthState.STARTING;
  private Instant startedAt;
  private int failures;
  private boolean everHealthy;
  private ScheduledFuture<?> next;
  private boolean stopped;

  /**
   * @param onChange called (on the timer's thread) whenever the state changes
   */
  public HealthMonitor(Health spec, Probe probe, ScheduledExecutorService timer, Consumer<HealthState> onChange) {
    this.spec = spec;
    this.probe = probe;
    this.timer = timer;
    this.onChange = onChange;
  }

  /** Starts probing an instance that started at {@code startedAt}. */
  public synchronized void start(Instant startedAt) {
    this.startedAt = startedAt;
    schedule(Duration.ZERO);
  }

  /** Stops probing; the state stays as last seen. */
  public synchronized void stop() {
    stopped = true;
    if (next != null) {
      next.cancel(false);
    }
  }

  public HealthState state() {
    return state;
  }

  /** The most recent results, oldest first. */
  public synchronized List<ProbeResult> history() {
    return List.copyOf(history);
  }

  /** The probe this monitor runs (the supervisor feeds a {@link LogProbe} its lines). */
  public Probe probe() {
    return probe;
  }

  private synchronized void schedule(Duration delay) {
    if (!stopped) {
      next = timer.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void runOnce() {
    ProbeResult r = probe.check(spec.timeout().toMillis());
    HealthState before;
    HealthState after;
    synchronized (this) {
      if (stopped) {
        return;
      }
      history.addLast(r);
      if (history.size() > HISTORY) {
        history.removeFirst();
      }
      before = state;
      after = next(r);
      state = after;
      schedule(pace());
    }
    if (after != before) {
      onChange.accept(after);
    }
  }

  private HealthState next(ProbeResult r) {
    if (r.ok()) {
      failures = 0;
      everHealthy = true;
      return HealthState.HEALTHY;
    }
    Duration sinceStart = Duration.between(startedAt, r.at());
    if (!everHealthy) {
      Duration deadline = spec.startPeriod().plus(spec.interval().multipliedBy(spec.retries()));
      return sinceStart.compareTo(deadline) >= 0 ? HealthState.UNHEALTHY : state;
    }
    if (sinceStart.compareTo(spec.startPeriod()) >= 0) {
      failures++;
    }
    return failures >= spec.retries() ? HealthState.UNHEALTHY : state;
  }

  private Duration pace() {
    if (!everHealthy && STARTING_PACE.compareTo(spec.interval()) < 0) {
      return STARTING_PACE;
    }
    return spec.interval();
  }
}
