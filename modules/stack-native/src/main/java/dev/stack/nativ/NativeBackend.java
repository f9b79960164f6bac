package dev.stack.nativ;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities;
import dev.stack.core.spi.Capabilities.Enforcement;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs service instances as supervised native processes (Linux): each in its own session and
 * process group, in its own cgroup where the host allows, with its output through named FIFOs
 * that it opens read-write itself, so killing the agent never kills it with SIGPIPE. See
 * {@link Launcher} and {@link Spawner} for how a process is started, {@link OutputPipes} for its
 * output and {@link ExitWatch} for its end: one {@link EventLoop} thread reads every output and
 * sees every exit.
 */
public final class NativeBackend implements Backend {

  private static final Logger LOG = LoggerFactory.getLogger(NativeBackend.class);
  /** The backend's name in stack files and handles. */
  public static final String NAME = "native";

  private final QueuedFifoHolder holder;
  private final Launcher launcher = Launcher.onThisHost();
  private final ExitWatch exits = new ExitWatch(EventLoop::shared, this::poller);
  private volatile CgroupHost cgroups;
  private ScheduledExecutorService poller;

  /** For {@link java.util.ServiceLoader}: no FIFO holder (output survives the agent only while the service lives). */
  public NativeBackend() {
    this(FifoHolder.NONE);
  }

  /** With the agent's watchdog (or an in-JVM holder) keeping the FIFOs alive across agent restarts. */
  public NativeBackend(FifoHolder holder) {
    this.holder = new QueuedFifoHolder(holder);
  }

  /**
   * Does now what the first start would do otherwise: binds the C library (JNA runs
   * {@code ldconfig -p} when it first loads one), starts the event loop, reads the host's
   * cgroups and binds the spawn's calls. The agent calls it in the background as it starts, so a
   * cold {@code up} does not wait for it.
   */
  public void prepare() {
    EventLoop.shared();
    cgroups();
    Spawner.prepare();
  }

  /**
   * Before an {@code up}, {@code start} or {@code restart} starts the instance (what it replaces is
   * stopped by then): its ports must be free. Not checked on a crash's restart, which goes on as its
   * restart policy says.
   */
  @Override
  public void prepare(InstanceSpec spec, java.util.function.Consumer<String> progress) throws BackendException {
    Optional<String> busy = BusyPorts.firstBusy(spec);
    if (busy.isPresent()) {
      throw new BackendException(busy.get(), "stop what uses it, or give services." + spec.id().service()
          + ".ports another port", true);
    }
  }

  /** With a given view of the host's cgroups (tests: a host without them). */
  NativeBackend(FifoHolder holder, CgroupHost cgroups) {
    this.holder = new QueuedFifoHolder(holder);
    this.cgroups = cgroups;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, false, cgroups().enforcement(), false, true, true, false, List.of(
        "services share the host's filesystem and network: they reach each other at 127.0.0.1",
        "a re-adopted process's exit code is unknown",
        "hardening (capabilities, read-only root, no-new-privileges) is not applied"));
  }

  private CgroupHost cgroups() {
    CgroupHost c = cgroups;
    if (c == null) {
      c = CgroupHost.detect();
      cgroups = c;
    }
    return c;
  }

  @Override
  public Running start(InstanceSpec spec, LogSink logs) throws BackendException {
    holder.pause(); // the watchdog is told after the spawn
    try {
      return startPaused(spec, logs);
    } finally {
      holder.resume();
    }
  }

  private Running startPaused(InstanceSpec spec, LogSink logs) throws BackendException {
    String name = spec.id().displayName();
    Optional<InstanceCgroup> cgroup = Optional.empty();
    Enforcement enforcement = cgroups().enforcement();
    try {
      cgroup = cgroups().create(spec.id(), spec.runDir(), spec.service().resources());
      if (cgroup.isPresent()) {
        cgroup.get().apply(spec.service().resources());
      }
    } catch (IOException e) {
      cgroup.ifPresent(c -> cgroups().release(c, true));
      cgroup = Optional.empty();
      // like a host without cgroups: it runs, and enforcement() says why its limits are not applied
      enforcement = new Enforcement(false, "cannot set up the cgroup: " + e.getMessage());
      LOG.warn("{}: limits not enforced: {}", name, e.getMessage());
    }
    OutputPipes pipes;
    try {
      pipes = OutputPipes.prepare(spec.runDir(), true, holder);
    } catch (IOException e) {
      cgroup.ifPresent(c -> cgroups().release(c, true));
      throw new BackendException(name + ": cannot create its output FIFOs: " + e.getMessage(), null, false, e);
    }
    int pid;
    try {
      pid = spawn(spec, cgroup, pipes);
    } catch (BackendException | IOException | RuntimeException e) {
      pipes.close();
      cgroup.ifPresent(c -> cgroups().release(c, true));
      if (e instanceof BackendException be) {
        throw be;
      }
      throw new BackendException(name + ": cannot start: " + e.getMessage(), null, true, e);
    }
    try {
      // only now: the spawn does not wait for the readers to start, the output waits in the pipes
      pipes.read(spec.id(), logs);
    } catch (IOException | RuntimeException e) {
      abandon(pid, cgroup, pipes);
      throw new BackendException(name + ": cannot read its output FIFOs: " + e.getMessage(), null, false, e);
    }
    // a process that already ended has no stat any more: its handle cannot be recovered, nor needs to be
    long start = ProcStat.read(pid).map(ProcStat::startTicks).orElse(-1L);
    NativeRunning running = new NativeRunning(spec, pid, start, cgroup, cgroups(), enforcement, pipes, false);
    exits.child(pid, (code, signal) -> {
      holder.pause(); // through the restart the exit may lead to
      try {
        running.mainEnded(code, signal);
      } finally {
        holder.resume();
      }
    });
    return running;
  }

  /**
   * Spawns the instance's process. The cgroup must hold it from its first fork on: on cgroup v1
   * the spawning thread joins it for the spawn; else (or if that fails) a prologue joins it before
   * the exec.
   */
  private int spawn(InstanceSpec spec, Optional<InstanceCgroup> cgroup, OutputPipes pipes)
      throws BackendException, IOException {
    Optional<ThreadJoin> join = cgroup.flatMap(c -> cgroups().threadJoin());
    if (join.isPresent()) {
      try {
        return join.get().spawn(cgroup.get(), launcher.build(spec, Optional.empty()), pipes.out(), pipes.err());
      } catch (ThreadJoin.CannotJoin e) {
        LOG.warn("{}: joins its cgroup through a shell instead: {}", spec.id().displayName(), e.getMessage());
      }
    }
    return Spawner.spawn(launcher.build(spec, cgroup), pipes.out(), pipes.err());
  }

  /** Ends a process just spawned whose start cannot be completed (its output cannot be read). */
  private void abandon(int pid, Optional<InstanceCgroup> cgroup, OutputPipes pipes) {
    LibC.INSTANCE.kill(pid, Signals.number("KILL"));
    LibC.INSTANCE.waitpid(pid, new int[1], 0);
    pipes.close();
    cgroup.ifPresent(c -> cgroups().release(c, true));
  }

  @Override
  public Optional<Running> recover(Handle handle, InstanceSpec spec, LogSink logs) {
    if (!NAME.equals(handle.backend()) || handle.get("pid") == null || handle.get("start") == null) {
      return Optional.empty();
    }
    int pid = Integer.parseInt(handle.get("pid"));
    long start = Long.parseLong(handle.get("start"));
    if (!sameProcessAlive(pid, start)) {
      return Optional.empty();
    }
    Optional<InstanceCgroup> cgroup = InstanceCgroup.decode(handle.get("cgroup"));
    Enforcement enforcement = cgroup.map(c -> new Enforcement(true, "cgroup v" + c.version()))
        .orElseGet(() -> cgroups().enforcement().enforced()
            ? new Enforcement(false, "started without a cgroup") : cgroups().enforcement());
    OutputPipes pipes;
    try {
      pipes = OutputPipes.open(spec.runDir(), false, spec.id(), logs, holder);
    } catch (IOException e) {
      // it lives: adopting it without its output beats starting a second copy beside it
      LOG.warn("{}: re-adopted without its output: {}", spec.id().displayName(), e.getMessage());
      pipes = OutputPipes.unread(spec.runDir());
    }
    cgroup.ifPresent(cgroups()::adopt);
    NativeRunning running = new NativeRunning(spec, pid, start, cgroup, cgroups(), enforcement, pipes, true);
    exits.adopted(pid, () -> sameProcessAlive(pid, start), running::mainEnded);
    return Optional.of(running);
  }

  private static boolean sameProcessAlive(int pid, long start) {
    return ProcStat.read(pid).filter(p -> !p.ended() && p.startTicks() == start).isPresent();
  }

  private synchronized ScheduledExecutorService poller() {
    if (poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(null, r, "stack-native-poll", 256 * 1024);
        t.setDaemon(true);
        return t;
      });
    }
    return poller;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
    CgroupHost c = cgroups;
    if (c != null) {
      c.releasePending();
    }
    holder.close(5000);
  }
}
