package dev.stack.nativ;

import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities.Enforcement;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.Running;
import dev.stack.core.spi.Usage;
import dev.stack.model.StopSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A native instance: started here (its exit code comes from waitpid) or re-adopted after an agent
 * restart (its end is seen through its pidfd; its exit code cannot be known). Its end is told as
 * soon as the main process has ended; output its descendants (or the pipe) still hold arrives
 * after that, and {@link #drained()} says when all of it has.
 */
public final class NativeRunning implements Running {

  static final String READOPTED = "re-adopted process"; // not our child: its exit code cannot be read
  /** How long {@link #stop} waits for the output to drain once every process is gone. */
  private static final long DRAIN_MS = 2000;
  /** How long an ended instance's cgroup stays before it is removed (a restart keeps it). */
  private static final long RELEASE_DELAY_MS = 1000;
  /**
   * Runs the delayed cgroup removals, one at a time, on a thread kept while there are some (the
   * JDK's default for a delayed task on a 2-CPU host is a new thread per task: 100 for a
   * {@code down} of 100, just when the next {@code up} starts).
   */
  private static final Executor RELEASES = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "cgroup-release");
        t.setDaemon(true);
        return t;
      });
  private static final long POLL_MS = 20;

  private final InstanceSpec spec;
  private final int pid;
  private final long startTicks;
  private final int pgid;
  private final Optional<InstanceCgroup> cgroup;
  private final CgroupHost cgroups;
  private final Enforcement enforcement;
  private final OutputPipes pipes;
  private final InstanceProcesses processes;
  /** How old a /proc snapshot may be for figures: one `ps` of many instances shares one scan. */
  private static final long USAGE_SNAPSHOT_AGE_NANOS = 250_000_000L;

  private final UsageMeter usage;
  private final boolean reAdopted;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private volatile boolean detached;

  NativeRunning(InstanceSpec spec, int pid, long startTicks, Optional<InstanceCgroup> cgroup, CgroupHost cgroups,
      Enforcement enforcement, OutputPipes pipes, boolean reAdopted) {
    this.spec = spec;
    this.pid = pid;
    this.startTicks = startTicks;
    this.pgid = pid; // setsid made it a group leader
    this.cgroup = cgroup;
    this.cgroups = cgroups;
    this.enforcement = enforcement;
    this.pipes = pipes;
    this.processes = new InstanceProcesses(pid, startTicks, pgid, cgroup);
    this.usage = new UsageMeter(startTicks);
    this.reAdopted = reAdopted;
  }

  /** Called once the main process has ended; code and signal as far as known. */
  void mainEnded(Integer code, String signal) {
    if (detached) {
      // the pipes and the cgroup belong to whoever recovered the instance
      exit.complete(new ExitStatus(code, signal, Instant.now(), reAdopted ? READOPTED : null));
      return;
    }
    pipes.close(); // readers now see the end once every other writer has gone too
    String reason = reAdopted ? READOPTED : null;
    if (cgroup.isPresent() && cgroup.get().oomKills() > cgroup.get().oomBaseline()) {
      String limit = spec.service().resources().memory() != null ? spec.service().resources().memory().toString()
          : cgroup.get().memoryLimit().map(Object::toString).orElse("?");
      reason = "memory limit " + limit + " exceeded" + (reason == null ? "" : "; " + reason);
    }
    cgroup.ifPresent(cgroups::releaseLater); // before the exit is told: a stop of the agent right after it removes it
    exit.complete(new ExitStatus(code, signal, Instant.now(), reason));
    // after the exit is told (an rmdir of a cgroup can take tens of ms, and a restart need not wait),
    // once the output has drained (the rest of the tree has then mostly left the cgroup too), and a
    // second later: a restart registers the cgroup again meanwhile and it is kept, rather than
    // waiting on the cgroup's lock for its rmdir and then making it again
    cgroup.ifPresent(c -> {
      pipes.drained().copy().completeOnTimeout(null, DRAIN_MS, TimeUnit.MILLISECONDS)
          .thenRunAsync(() -> cgroups.releaseNow(c), CompletableFuture.delayedExecutor(RELEASE_DELAY_MS, TimeUnit.MILLISECONDS, RELEASES));
    });
  }

  /**
   * Completes once all output has been read: every writer of both FIFOs (the main process, its
   * descendants) has closed them after the instance ended, or this instance was detached.
   */
  public CompletableFuture<Void> drained() {
    return pipes.drained();
  }

  @Override
  public Handle handle() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("pid", Integer.toString(pid));
    f.put("start", Long.toString(startTicks));
    f.put("pgid", Integer.toString(pgid));
    cgroup.ifPresent(c -> f.put("cgroup", c.encode()));
    return new Handle(NativeBackend.NAME, f);
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public String displayId() {
    return Integer.toString(pid);
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public void signal(String signal) throws BackendException {
    int n = number(signal);
    processes.signal(n);
  }

  @Override
  public ExitStatus stop(StopSpec stop) throws BackendException {
    int sig = number(stop.signal());
    long deadline = System.nanoTime() + stop.timeout().toNanos();
    boolean killed = false;
    processes.signal(sig);
    long killDeadline = Long.MAX_VALUE;
    while (true) {
      List<ProcStat> left = processes.find();
      if (left.isEmpty()) {
        break;
      }
      long now = System.nanoTime();
      if (!killed && now >= deadline) {
        processes.signal(Signals.number("KILL"));
        killed = true;
        killDeadline = now + TimeUnit.SECONDS.toNanos(5);
      } else if (killed && now >= killDeadline) {
        throw new BackendException(spec.id().displayName() + ": processes survived SIGKILL: "
            + left.stream().map(p -> p.pid() + " (state " + p.state() + ")").toList(), "they may be stuck in the kernel (state D)", true);
      }
      sleep(POLL_MS);
    }
    try {
      ExitStatus status = exit.get(5, TimeUnit.SECONDS);
      cgroup.ifPresent(cgroups::removeIfUnused); // descendants may have kept it busy at exit
      try {
        // no process is left to write: what is in the pipes is read in a moment
        pipes.drained().get(DRAIN_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // a process outside the tree holds a FIFO: its output goes on arriving, the stop is done
      }
      return status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while stopping " + spec.id().displayName(), null, true, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BackendException(spec.id().displayName() + ": no process left but its end was not seen", null, true, e);
    }
  }

  @Override
  public Optional<Usage> usage() {
    if (exit.isDone()) {
      return Optional.empty();
    }
    Live live = live();
    return live.procs().isEmpty() ? Optional.empty() : Optional.of(usage.sample(live.procs(), live.readAtNanos()));
  }

  @Override
  public List<Long> processes() {
    if (exit.isDone()) {
      return List.of();
    }
    return live().procs().stream().map(p -> (long) p.pid())
        .sorted(java.util.Comparator.comparing((Long p) -> p != pid).thenComparing(p -> p)).toList();
  }

  /** The instance's live processes and when they were read ({@link System#nanoTime()}). */
  private record Live(List<ProcStat> procs, long readAtNanos) {}

  private Live live() {
    // the cgroup holds every process of the instance: no need to scan all of /proc
    if (cgroup.isPresent()) {
      return new Live(cgroup.get().procs().stream().map(ProcStat::read).flatMap(Optional::stream)
          .filter(p -> !p.ended()).toList(), System.nanoTime());
    }
    // one scan serves every instance of a `ps`
    ProcTable table = ProcTable.recent(USAGE_SNAPSHOT_AGE_NANOS);
    return new Live(processes.find(table, false), table.scannedAtNanos());
  }

  @Override
  public int exec(List<String> argv, java.time.Duration timeout) throws BackendException {
    return HostExec.run(spec, argv, timeout);
  }

  @Override
  public Enforcement enforcement() {
    return enforcement;
  }

  /**
   * Lets go of the instance without touching it, as a dying agent would: the readers stop (a line
   * begun is handed out as a partial piece) and this backend's ends of the FIFOs close; whatever
   * the service writes next waits in the pipe (kept alive by the service and the {@link FifoHolder})
   * for {@link NativeBackend#recover}. {@link #exit()} still completes, without cleaning up.
   */
  public void detach() {
    detached = true;
    pipes.detach();
    cgroup.ifPresent(c -> cgroups.release(c, false));
  }

  /** Bytes read from stdout and stderr so far. */
  public long bytesRead() {
    return pipes.bytesRead();
  }

  private static int number(String signal) throws BackendException {
    try {
      return Signals.number(signal);
    } catch (IllegalArgumentException e) {
      throw new BackendException(e.getMessage(), null, false);
    }
  }

  private static void sleep(long ms) throws BackendException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted", null, true, e);
    }
  }
}
