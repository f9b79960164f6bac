package dev.stack.agent.supervisor;

import dev.stack.core.health.HealthMonitor;
import dev.stack.core.health.LogProbe;
import dev.stack.core.health.ProbeResult;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.core.supervise.RestartTracker;
import dev.stack.model.Condition;
import dev.stack.model.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Supervises one instance: starts it, watches its exit, applies the restart policy, runs its health
 * probe, stops it. State changes are reported to a listener (persistence, progress, waiters).
 *
 * <p>Locking: all fields are guarded by {@code this}; calls into the backend that may block (stop)
 * happen outside the lock, and exits of an older run (a stale generation) are ignored.
 */
final class InstanceSupervisor {

  private final InstanceId id;
  private final Backend backend;
  private final LogSink store;
  private final ScheduledExecutorService timer;
  private final Consumer<InstanceSupervisor> onChange;
  private final InstanceOutput output;
  private final RestartHistory history = new RestartHistory();
  /** The backend restarts crashed instances itself; the agent only watches. */
  private final boolean backendRestarts;

  private InstanceSpec spec;
  private RestartTracker tracker;
  private State state = State.STOPPED;
  private Running running;
  private long generation;
  private Instant startedAt;
  private ExitStatus lastExit;
  /** Why the last start failed, and what to do about it (the backend's hint); null when it did not. */
  private String lastError;
  private String lastErrorHint;
  /** The current or last run's watch, or null before the first run. */
  private RunWatch watch;
  private ScheduledFuture<?> pendingStart;
  /** Why the agent ended the current run itself ({@code max_memory}), or null. */
  private String endedBecause;
  private boolean stopRequested;

  InstanceSupervisor(InstanceId id, InstanceSpec spec, Backend backend, LogSink store,
      ScheduledExecutorService timer, Consumer<InstanceSupervisor> onChange) {
    this.id = id;
    this.spec = spec;
    this.backend = backend;
    this.store = store;
    this.output = new InstanceOutput(store);
    this.timer = timer;
    this.onChange = onChange;
    this.tracker = new RestartTracker(spec.service().restart());
    this.backendRestarts = backend.capabilities().restartWithoutAgent();
    store.configure(id, spec.service().logs());
  }

  InstanceId id() {
    return id;
  }

  Backend backend() {
    return backend;
  }

  synchronized InstanceSpec spec() {
    return spec;
  }

  synchronized State state() {
    return state;
  }

  synchronized HealthState health() {
    HealthMonitor monitor = monitor();
    return monitor == null ? (spec.service().health() == null ? HealthState.NONE : HealthState.STARTING) : monitor.state();
  }

  synchronized Optional<Running> running() {
    return Optional.ofNullable(running);
  }

  synchronized Instant startedAt() {
    return startedAt;
  }

  synchronized int restarts() {
    if (backendRestarts && running != null) {
      java.util.OptionalInt n = running.backendRestarts();
      if (n.isPresent()) {
        return n.getAsInt();
      }
    }
    return tracker.restarts();
  }

  synchronized ExitStatus lastExit() {
    return lastExit;
  }

  /** Why the last start failed, with what to do about it in brackets, or null. */
  synchronized String lastError() {
    return lastError == null || lastErrorHint == null ? lastError : lastError + " (" + lastErrorHint + ")";
  }

  /** Why the last start failed, or null. */
  synchronized String lastErrorReason() {
    return lastError;
  }

  /** What to do about the last failed start, or null. */
  synchronized String lastErrorHint() {
    return lastErrorHint;
  }

  synchronized List<RestartRecord> history() {
    return history.list();
  }

  synchronized List<ProbeResult> probes() {
    HealthMonitor monitor = monitor();
    return monitor == null ? List.of() : monitor.history();
  }

  List<String> recentLines() {
    return output.recentLines();
  }

  /** Replaces the definition (the next start uses it) and resets the restart streak. */
  synchronized void update(InstanceSpec newSpec) {
    this.spec = newSpec;
    this.tracker = new RestartTracker(newSpec.service().restart(), tracker.restarts());
  }

  /** Marks an instance {@code up} is about to start (it may first wait for its dependencies). */
  synchronized void pending() {
    if (running == null) {
      state = State.STARTING;
      stopRequested = false;
      notifyAll();
    }
  }

  /** {@code up} gave up on this instance before starting it (a dependency failed, an image is missing). */
  synchronized void notStarted(String reason) {
    if (running == null) {
      state = State.EXITED;
      lastError = reason;
      lastErrorHint = null;
      notifyAll();
    }
  }

  /** Starts the instance unless it is already active. Returns false when the backend refused. */
  boolean start() {
    synchronized (this) {
      if (running != null && state.active()) {
        return true;
      }
      cancelPendingStart();
      stopRequested = false;
      tracker.reset();
    }
    return launch();
  }

  /** Starts a run; called for the first start and for restarts. */
  private boolean launch() {
    Running r;
    long gen;
    synchronized (this) {
      if (stopRequested) {
        return false;
      }
      state = State.STARTING;
      gen = ++generation;
      stopWatch();
      output.newRun(logProbe(false));
      try {
        r = backend.start(spec, output);
      } catch (BackendException | RuntimeException e) {
        lastError = "could not start: " + e.getMessage();
        lastErrorHint = e instanceof BackendException b ? b.hint() : null;
        state = State.EXITED;
        lastExit = new ExitStatus(null, null, Instant.now(), "could not start: " + e.getMessage());
        notifyAll();
        onChangeLater();
        return false;
      }
      running = r;
      startedAt = Instant.now();
      lastError = null;
      lastErrorHint = null;
      state = State.ONLINE;
      watch(r, gen);
      notifyAll();
    }
    r.onBackendRestart((exit, next) -> onBackendRestart(gen, exit, next));
    r.exit().thenAccept(exit -> onExit(gen, exit));
    onChange.accept(this);
    return true;
  }

  /** Re-attaches to a run found after an agent restart (its output recovered into {@link #sinkForAdoption}). */
  void adopt(Running r, Instant since, int restarts) {
    long gen;
    synchronized (this) {
      gen = ++generation;
      running = r;
      startedAt = since == null ? Instant.now() : since;
      tracker = new RestartTracker(spec.service().restart(), restarts);
      state = State.ONLINE;
      watch(r, gen);
      notifyAll();
    }
    r.onBackendRestart((exit, next) -> onBackendRestart(gen, exit, next));
    r.exit().thenAccept(exit -> onExit(gen, exit));
  }

  /** Whether the current run's {@code log} health check has seen its line (persisted for the next agent). */
  boolean logMatched() {
    LogProbe p = output.probe();
    return p != null && p.matched();
  }

  /** A new probe for a {@code log} health check, else null. */
  private LogProbe logProbe(boolean matched) {
    Health h = spec.service().health();
    return h != null && h.kind() == Health.Kind.LOG ? new LogProbe(Pattern.compile(h.target()), matched) : null;
  }

  /**
   * The sink for a run a new agent recovers, set up before its output flows; {@code logMatched}:
   * the agent before saw the line the run's {@code log} health check waits for (it will not come
   * again, and the check would wait for it forever).
   */
  synchronized LogSink sinkForAdoption(boolean logMatched) {
    output.newRun(logProbe(logMatched));
    return output;
  }

  /** Restores a persisted instance that has no process (stopped, completed, exited, errored). */
  synchronized void restore(State persisted, int restarts, String lastExitText) {
    tracker = new RestartTracker(spec.service().restart(), restarts);
    state = persisted;
    if (lastExitText != null) {
      lastExit = new ExitStatus(null, null, Instant.now(), lastExitText);
    }
  }

  /** Marks a persisted instance whose process is gone as ended, and applies the restart policy. */
  void lostWhileAway(int restarts, Instant since) {
    long gen;
    synchronized (this) {
      tracker = new RestartTracker(spec.service().restart(), restarts);
      startedAt = since;
      gen = ++generation;
    }
    onExit(gen, new ExitStatus(null, null, Instant.now(), "ended while the agent was down"));
  }

  private void onExit(long gen, ExitStatus exit) {
    RestartTracker.Decision decision;
    Duration uptime;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      if (backendRestarts && running != null && running.backendRestarts().isPresent()) {
        // the run is gone with the engine's count of its restarts: keep it for ps and the history
        tracker = new RestartTracker(spec.service().restart(), running.backendRestarts().getAsInt());
      }
      running = null;
      if (endedBecause != null) {
        exit = new ExitStatus(exit.code(), exit.signal(), exit.at(), endedBecause);
        endedBecause = null;
      }
      lastExit = exit;
      stopWatch();
      store.flush(id);
      uptime = uptimeUntil(exit.at());
      if (stopRequested) {
        notifyAll();
        return;
      }
      decision = backendRestarts ? afterBackendGaveUp(exit) : tracker.onExit(exit, uptime);
      history.ended(exit, uptime, decision);
      if (decision instanceof RestartTracker.Restart restart) {
        state = State.RESTARTING;
        if (!restart.delay().isZero()) {
          pendingStart = timer.schedule(this::launch, restart.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
      } else if (decision instanceof RestartTracker.Complete) {
        state = State.COMPLETED;
      } else if (decision instanceof RestartTracker.Exit) {
        state = State.EXITED;
      } else {
        state = State.ERRORED;
      }
      notifyAll();
    }
    if (decision instanceof RestartTracker.Restart restart && restart.delay().isZero()) {
      launch(); // at once, on the thread that saw the exit: a restart in milliseconds
    } else {
      onChange.accept(this);
    }
  }

  /**
   * A backend that restarts by itself (Docker's policy) ends a run only when it will not restart
   * it: the agent must not start it again, only say how it ended. Its {@code max_restarts} counts
   * every restart (Docker's retry count), so that is the count the agent gives up after.
   */
  private RestartTracker.Decision afterBackendGaveUp(ExitStatus exit) {
    if (exit.success()) {
      return new RestartTracker.Complete();
    }
    return spec.service().restart().policy() == dev.stack.model.RestartPolicy.Policy.NO
        ? new RestartTracker.Exit() : new RestartTracker.GiveUp(tracker.restarts());
  }

  /** The current run is about to end for {@code why} (not an exit of its own), into the restart history. */
  synchronized void restartedBecause(String why, String decision) {
    Instant now = Instant.now();
    history.add(new RestartRecord(now, why, uptimeUntil(now).toMillis(), decision));
  }

  /** A run the backend restarted by itself: into the history, and the uptime counts from the new run. */
  private void onBackendRestart(long gen, ExitStatus exit, Instant next) {
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      lastExit = exit;
      history.add(new RestartRecord(exit.at(), exit.describe(), uptimeUntil(exit.at()).toMillis(),
          "restarted by " + spec.service().backend()));
      startedAt = next;
    }
    onChange.accept(this);
  }

  /**
   * How long the current run lasted until {@code end}. A process that exits at once can be seen
   * exiting before its start is recorded ({@code startedAt} is set once the backend's start
   * returns): that run lasted 0, never less.
   */
  private Duration uptimeUntil(Instant end) {
    return startedAt == null || end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
  }

  /**
   * Stops the instance: the configured signal to all its processes, SIGKILL after the timeout.
   * Returns once nothing of it is left. The state becomes {@code stopped}.
   */
  void stop() throws BackendException {
    Running r;
    synchronized (this) {
      stopRequested = true;
      cancelPendingStart();
      stopWatch();
      r = running;
      if (r == null) {
        state = State.STOPPED;
        notifyAll();
        onChangeLater();
        return;
      }
      state = State.STOPPING;
      notifyAll();
    }
    onChange.accept(this);
    ExitStatus exit = r.stop(spec().service().stop());
    store.flush(id); // the last line written before the stop is on disk when stop returns
    synchronized (this) {
      if (running == r) {
        running = null;
      }
      generation++;
      lastExit = exit;
      state = State.STOPPED;
      notifyAll();
    }
    onChange.accept(this);
  }

  /** Stop, then start with the current definition. */
  boolean restart() throws BackendException {
    stop();
    return start();
  }

  /**
   * Waits until the instance meets {@code condition}, fails, or the deadline passes.
   *
   * @return null when met, else why not (for the error message)
   */
  synchronized String await(Condition condition, Instant deadline) throws InterruptedException {
    while (true) {
      Readiness now = readiness();
      String verdict = now.verdict(condition);
      if (verdict == null || !verdict.isEmpty()) {
        return verdict;
      }
      long wait = Duration.between(Instant.now(), deadline).toMillis();
      if (wait <= 0) {
        return now.timedOut(condition);
      }
      wait(Math.min(wait, 100)); // health changes arrive from the monitor without notify
    }
  }

  /** Whether the instance meets {@code condition} now: null met, "" not yet, else why it never will by itself. */
  synchronized String verdict(Condition condition) {
    return readiness().verdict(condition);
  }

  private Readiness readiness() {
    HealthMonitor monitor = monitor();
    String probe = null;
    if (monitor != null) {
      List<ProbeResult> h = monitor.history();
      probe = h.isEmpty() ? "no probe has run" : h.get(h.size() - 1).detail();
    }
    int crashes = (backendRestarts ? tracker.restarts() : tracker.unstableRestarts()) + 1;
    return new Readiness(state, health(), lastError(), lastExit, crashes, probe);
  }

  /** The handle to persist, or null when not running. */
  synchronized Handle handle() {
    return running == null ? null : running.handle();
  }

  private HealthMonitor monitor() {
    return watch == null ? null : watch.monitor();
  }

  /** Watches run {@code gen}: its health probe, and {@code restart.max_memory}. */
  private void watch(Running r, long gen) {
    watch = RunWatch.start(spec.service(), id.index(), r, output.probe(), timer, () -> {
      synchronized (this) {
        notifyAll();
      }
      onChange.accept(this);
    }, why -> overMemory(r, gen, why));
  }

  private void stopWatch() {
    if (watch != null) {
      watch.stop();
    }
  }

  /** Run {@code gen} uses more than {@code restart.max_memory}: ends it; its exit then goes through the restart policy. */
  private void overMemory(Running r, long gen, String why) {
    synchronized (this) {
      if (gen != generation || stopRequested || endedBecause != null) {
        return;
      }
      endedBecause = why;
    }
    try {
      r.stop(spec().service().stop());
    } catch (BackendException e) {
      synchronized (this) {
        endedBecause = null;
      }
    }
  }

  private void cancelPendingStart() {
    if (pendingStart != null) {
      pendingStart.cancel(false);
      pendingStart = null;
    }
  }

  private void onChangeLater() {
    timer.execute(() -> onChange.accept(this));
  }
}
