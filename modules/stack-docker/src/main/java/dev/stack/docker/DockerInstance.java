package dev.stack.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import dev.stack.core.spi.Usage;
import dev.stack.model.StopSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A container the backend started or re-attached to. Everything it knows comes from inspecting
 * the container when the shared {@link ContainerEvents} stream says something happened to it; it
 * polls nothing. Its {@link #exit()} completes once the engine will not restart the container:
 * policy {@code no}, a clean exit under {@code on-failure}, the retries used up, or stopped by us.
 */
final class DockerInstance implements Running, ContainerEvents.Watcher {

  /** The handle's fields. */
  static final String HANDLE_ID = "container";
  static final String HANDLE_NAME = "name";

  /** How long a final exit waits for the last log lines of the container before it is reported. */
  private static final long LOG_DRAIN_MS = 2000;

  private final DockerEngine engine;
  private final ContainerEvents events;
  private final Executor executor;
  private final InstanceSpec spec;
  private final String containerId;
  private final String network;
  private final LogFrames frames;
  private final UsageSampler usage;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private volatile long pid = -1;
  private volatile int restarts;
  private volatile String ip;
  private volatile boolean stoppedByUs;
  private volatile boolean ending;
  private LogFollower follower; // guarded by this
  private String followedRun; // guarded by this: the StartedAt of the last run a follower was attached to
  private Instant logsSince; // guarded by this: where the first follower starts, null for all
  private volatile boolean begun; // begin was called: events before it may be of an earlier run
  private ExitStatus diedAndRestarting; // guarded by this: a run that ended, told once the engine started the next
  private int restartsTold; // guarded by this: the engine's restart count when the last restart was told
  private java.util.function.BiConsumer<ExitStatus, Instant> restartListener; // guarded by this

  DockerInstance(DockerEngine engine, ContainerEvents events, Executor executor, InstanceSpec spec,
      String containerId, String network, LogSink logs) {
    this.engine = engine;
    this.events = events;
    this.executor = executor;
    this.spec = spec;
    this.containerId = containerId;
    this.network = network;
    this.frames = new LogFrames(spec.id(), logs);
    this.usage = new UsageSampler(engine, containerId, executor);
  }

  /** Starts watching the container's events; call before starting it, so no event is missed. */
  void watch() throws BackendException {
    events.watch(containerId, this);
  }

  /**
   * Takes the container's current state and follows its output from {@code since} (all of it when
   * null).
   */
  void begin(Instant since) {
    synchronized (this) {
      logsSince = since;
    }
    begun = true;
    refresh();
  }

  /** The engine's id of the container. */
  String containerId() {
    return containerId;
  }

  @Override
  public Handle handle() {
    return new Handle("docker", Map.of(HANDLE_ID, containerId, HANDLE_NAME, spec.id().qualified()));
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public String displayId() {
    return containerId.substring(0, Math.min(12, containerId.length()));
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public void signal(String signal) throws BackendException {
    try {
      engine.client().killContainerCmd(containerId).withSignal(signal).exec();
    } catch (NotFoundException e) {
      throw new BackendException("container " + spec.id().qualified() + " is gone", null, false, e);
    } catch (ConflictException e) {
      throw new BackendException("container " + spec.id().qualified() + " is not running", null, true, e);
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "signalling container " + spec.id().qualified(), e);
    }
  }

  @Override
  public ExitStatus stop(StopSpec stop) throws BackendException {
    stoppedByUs = true;
    int seconds = (int) ((stop.timeout().toMillis() + 999) / 1000);
    try {
      if (!stop.signal().equals(spec.service().stop().signal())) {
        // the container was made with another stop signal: send this one first, the engine's
        // stop then sends its own and SIGKILL after the grace
        engine.client().killContainerCmd(containerId).withSignal(stop.signal()).exec();
      }
      engine.streaming().stopContainerCmd(containerId).withTimeout(seconds).exec();
    } catch (NotModifiedException | ConflictException alreadyStopped) {
      // nothing was running: the state below says how it ended
    } catch (NotFoundException gone) {
      complete(new ExitStatus(null, null, Instant.now(), "container removed"));
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "stopping container " + spec.id().qualified(), e);
    }
    try {
      return exit.get(5, TimeUnit.SECONDS); // the die event is on its way
    } catch (TimeoutException e) {
      refresh();
      return exit.getNow(new ExitStatus(null, null, Instant.now(), "stop not confirmed by the engine"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while stopping " + spec.id().qualified(), null, true, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("exit never completes exceptionally", e);
    }
  }

  @Override
  public Optional<Usage> usage() {
    return exit.isDone() ? Optional.empty() : usage.usage();
  }

  @Override
  public String probeHost() {
    String address = ip;
    return address == null || address.isEmpty() ? "127.0.0.1" : address;
  }

  @Override
  public int exec(List<String> argv, Duration timeout) throws BackendException {
    return ContainerExec.run(engine, containerId, spec.id().qualified(), argv, timeout);
  }

  @Override
  public OptionalInt backendRestarts() {
    return OptionalInt.of(restarts);
  }

  @Override
  public Capabilities.Enforcement enforcement() {
    return DockerBackend.ENFORCED;
  }

  @Override
  public void onBackendRestart(java.util.function.BiConsumer<ExitStatus, Instant> listener) {
    synchronized (this) {
      restartListener = listener;
      if (diedAndRestarting == null) {
        return; // no run ended yet: nothing to tell, and the events bring any later one (one inspect less per start)
      }
    }
    try {
      executor.execute(this::refresh); // a restart before anyone listened is told now
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the backend is closing: nobody listens any more
    }
  }

  @Override
  public void died(Integer exitCode, Instant at) {
    synchronized (this) {
      String signal = exitCode != null && exitCode > 128 && exitCode < 128 + 32 ? Signals.name(exitCode - 128) : null;
      diedAndRestarting = new ExitStatus(exitCode, signal, at, null);
    }
    refresh();
  }

  @Override
  public void started() {
    refresh();
  }

  @Override
  public void destroyed() {
    refresh();
  }

  @Override
  public void resync() {
    refresh();
  }

  /** Reads the container's state and acts on it: follow its output, or report its end. */
  void refresh() {
    if (exit.isDone() || !begun) {
      // before begin, an event may still be of the container's previous run (a late die would end
      // this one before it started); begin looks at the state itself
      return;
    }
    InspectContainerResponse c;
    try {
      c = engine.client().inspectContainerCmd(containerId).exec();
    } catch (NotFoundException e) {
      drainLogs();
      complete(new ExitStatus(null, null, Instant.now(), "container removed"));
      return;
    } catch (RuntimeException e) {
      return; // the engine is away; the event stream's reconnect asks again
    }
    InspectContainerResponse.ContainerState state = c.getState();
    restarts = c.getRestartCount() == null ? 0 : c.getRestartCount();
    // the engine marks a container waiting out its restart delay Running and Restarting, with the
    // restart already counted and StartedAt still the ended run's: not running yet
    boolean restarting = Boolean.TRUE.equals(state.getRestarting());
    boolean running = Boolean.TRUE.equals(state.getRunning()) && !restarting;
    if (running) {
      pid = state.getPidLong() == null ? -1 : state.getPidLong();
      ip = address(c);
      tellRestart(state.getStartedAt());
      followLogs(state.getStartedAt());
      return;
    }
    pid = -1;
    if (restarting) {
      return; // the engine's policy brings it back; a start event follows
    }
    ending = true;
    synchronized (this) {
      if (!String.valueOf(state.getStartedAt()).equals(followedRun)) {
        followLogs(state.getStartedAt()); // a run too short to have been followed: its output is still there
      }
    }
    drainLogs();
    complete(exitStatus(state));
  }

  /**
   * Tells the listener of a run the engine restarted, once: when a die was seen and the restart
   * count grew (whichever of the die and the start event is handled first).
   */
  private void tellRestart(String startedAt) {
    ExitStatus ended;
    java.util.function.BiConsumer<ExitStatus, Instant> listener;
    synchronized (this) {
      if (diedAndRestarting == null || restarts <= restartsTold || restartListener == null) {
        return;
      }
      ended = diedAndRestarting;
      diedAndRestarting = null;
      restartsTold = restarts;
      listener = restartListener;
    }
    listener.accept(ended, instant(startedAt));
  }

  private ExitStatus exitStatus(InspectContainerResponse.ContainerState state) {
    Long code = state.getExitCodeLong();
    String signal = code != null && code > 128 && code < 128 + 32 ? Signals.name((int) (code - 128)) : null;
    String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "memory limit exceeded"
        : stoppedByUs ? null
        : state.getError() != null && !state.getError().isEmpty() ? state.getError() : null;
    return new ExitStatus(code == null ? null : code.intValue(), signal, instant(state.getFinishedAt()), reason);
  }

  private String address(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null) {
      return null;
    }
    Map<String, ContainerNetwork> networks = c.getNetworkSettings().getNetworks();
    ContainerNetwork mine = networks == null ? null : networks.get(network);
    return mine != null ? mine.getIpAddress() : c.getNetworkSettings().getIpAddress();
  }

  private synchronized void followLogs(String run) {
    if (follower != null || exit.isDone()) {
      return;
    }
    followedRun = String.valueOf(run);
    Instant since = frames.last() != null ? frames.last() : logsSince;
    try {
      follower = LogFollower.follow(engine, containerId, frames, since, spec.runDir(), this::logsEnded);
    } catch (RuntimeException e) {
      follower = null; // the next event tries again
    }
  }

  private void logsEnded() {
    synchronized (this) {
      follower = null;
      notifyAll();
    }
    if (!exit.isDone() && !ending) {
      // the stream ends when the container stops; if it already runs again, follow the new run
      try {
        executor.execute(this::refresh);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // the backend is closing: nobody follows any more
      }
    }
  }

  private synchronized void drainLogs() {
    long deadline = System.currentTimeMillis() + LOG_DRAIN_MS;
    try {
      for (long left; follower != null && (left = deadline - System.currentTimeMillis()) > 0; ) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (follower != null) {
      closeQuietly(follower);
    }
  }

  private void complete(ExitStatus status) {
    if (exit.complete(status)) {
      events.unwatch(containerId, this);
    }
  }

  /** Stops following (the container is being removed). */
  synchronized void detach() {
    events.unwatch(containerId, this);
    if (follower != null) {
      closeQuietly(follower);
    }
  }

  private static void closeQuietly(LogFollower f) {
    f.close();
  }

  static Instant instant(String rfc3339) {
    try {
      return rfc3339 == null ? Instant.now() : Instant.parse(rfc3339);
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }
}
