package dev.stack.agent.daemon;

import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.protocol.WatchdogControl;
import dev.stack.core.concurrent.SharedReading;
import dev.stack.nativ.FifoHolder;
import dev.stack.nativ.ProcStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Asks the watchdog to hold named FIFOs open read-write, so a service writing into its FIFO never
 * gets SIGPIPE while the agent is down: its writes wait in the pipe (and block once it is full)
 * until the next agent reads on. Note that a FIFO held this way never reports end-of-file to its
 * reader: the end of a service is seen from its process, not from its output.
 *
 * <p>{@link #hold} returns once the watchdog has the FIFO open (checked in {@code /proc}), so a
 * service started afterwards is covered from its first byte; {@link #holdInBackground} checks
 * that after returning (the agent's own keepers cover the FIFO meanwhile). Holds asked for at once (an
 * {@code up} of many services) share their checks: one listing of the watchdog's descriptors
 * answers every waiter whose request was sent before the listing began, instead of each waiter
 * listing them all again (quadratic in the number of FIFOs held).
 */
public final class WatchdogFifoHolder {

  private static final long CONFIRM_MS = 2000;
  /** The longest pause between two listings of the watchdog's descriptors while a hold is unconfirmed. */
  private static final long MAX_PAUSE_MS = 16;

  private final StackHome home;
  /** Confirms background holds, one at a time (their listings are shared anyway); ends when idle. */
  private final ExecutorService confirmations = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "fifo-hold-confirm");
        t.setDaemon(true);
        return t;
      });
  /** Background holds not confirmed yet, by path: the latest request's token. */
  private final Map<Path, Object> unconfirmed = new ConcurrentHashMap<>();
  /** The watchdog last checked. */
  private volatile Known known;
  /** Listings of the watchdog's descriptors (keyed by its pid), shared by waiting holds. */
  private final SharedReading<Long, Set<Path>> listings = new SharedReading<>();

  public WatchdogFifoHolder(StackHome home) {
    this.home = home;
  }

  /**
   * Has the watchdog hold {@code fifo} open until {@link #release}.
   *
   * @throws IOException if no watchdog runs or it did not open the FIFO within 2 s
   */
  public void hold(Path fifo) throws IOException {
    Path abs = checked(fifo);
    long sentAt = System.nanoTime();
    long watchdog = send("hold " + abs);
    if (!confirm(Set.of(abs), watchdog, sentAt, p -> false).isEmpty()) {
      throw notOpened(watchdog, abs);
    }
  }

  /**
   * Asks the watchdog to hold {@code fifo} and returns without waiting for it: the hold is
   * confirmed in the background, and {@code onFailure} hears when it was not. A service can then
   * start while the watchdog opens its FIFO (the agent holds it meanwhile; only an agent dying in
   * those few milliseconds leaves the service's first writes uncovered). Restarts and {@code up}
   * stop waiting for a round trip through the watchdog per FIFO.
   *
   * @throws IOException if no watchdog runs
   */
  public void holdInBackground(Path fifo, Consumer<IOException> onFailure) throws IOException {
    changeInBackground(List.of(new FifoHolder.Change(fifo, true)), onFailure);
  }

  /**
   * Tells the watchdog {@code changes} in one message, in their order, and confirms the holds in
   * the background, as {@link #holdInBackground} does for one (a single listing of the watchdog's
   * descriptors can confirm them all). A burst of starts costs one message, not one per FIFO.
   *
   * @throws IOException if no watchdog runs
   */
  public void changeInBackground(List<FifoHolder.Change> changes, Consumer<IOException> onFailure)
      throws IOException {
    List<String> lines = new ArrayList<>(changes.size());
    Map<Path, Object> holds = new LinkedHashMap<>();
    for (FifoHolder.Change c : changes) {
      Path abs = checked(c.fifo());
      if (c.hold()) {
        Object token = new Object();
        unconfirmed.put(abs, token);
        holds.put(abs, token);
        lines.add("hold " + abs);
      } else {
        unconfirmed.remove(abs);
        holds.remove(abs);
        lines.add("release " + abs);
      }
    }
    long sentAt = System.nanoTime();
    long watchdog;
    try {
      watchdog = send(lines);
    } catch (IOException | RuntimeException e) {
      holds.forEach(unconfirmed::remove);
      throw e;
    }
    if (holds.isEmpty()) {
      return;
    }
    confirmations.execute(() -> {
      try {
        // a path released or held again meanwhile (a crash loop): that newer request decides
        for (Path abs : confirm(holds.keySet(), watchdog, sentAt, abs -> unconfirmed.get(abs) != holds.get(abs))) {
          onFailure.accept(notOpened(watchdog, abs));
        }
      } catch (IOException e) {
        onFailure.accept(e);
      } finally {
        holds.forEach(unconfirmed::remove);
      }
    });
  }

  /**
   * Waits until listings of the watchdog's descriptors begun after {@code sentAt} have shown every
   * path of {@code waiting}, or the path became {@code moot}; returns the paths not shown within
   * 2 s. Only a listing begun after the request can show the watchdog's answer to it (an older one
   * may still show the previous run's hold of the same path). Each listing checks every path still
   * missing, and they come further apart while some are (1 ms, doubling up to {@value #MAX_PAUSE_MS}
   * ms): a watchdog opening the 200 FIFOs of a cold {@code up} one after another was listed every
   * millisecond for each path in turn, 200 links read each time (130 ms of the agent's CPU).
   */
  private Set<Path> confirm(Set<Path> waiting, long watchdog, long sentAt, Predicate<Path> moot) throws IOException {
    Path fds = Path.of("/proc", Long.toString(watchdog), "fd");
    if (!Files.isDirectory(fds)) {
      return Set.of(); // no /proc (macOS): trust the request
    }
    Set<Path> missing = new LinkedHashSet<>(waiting);
    long deadline = sentAt + CONFIRM_MS * 1_000_000;
    long after = sentAt;
    long pause = 1;
    while (true) {
      SharedReading.Reading<Long, Set<Path>> scan = listings.begunAfter(watchdog, after, pid -> openIn(fds));
      missing.removeIf(abs -> scan.value().contains(abs) || moot.test(abs));
      if (missing.isEmpty() || System.nanoTime() > deadline) {
        return missing;
      }
      after = scan.began();
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the watchdog opened " + missing.iterator().next(), e);
      }
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  private static IOException notOpened(long watchdog, Path abs) {
    return new IOException("the watchdog (pid " + watchdog + ") did not open " + abs);
  }

  /** Lets the watchdog close {@code fifo}; a FIFO it does not hold is ignored. */
  public void release(Path fifo) throws IOException {
    changeInBackground(List.of(new FifoHolder.Change(fifo, false)), e -> { });
  }

  private static Path checked(Path fifo) {
    Path abs = fifo.toAbsolutePath().normalize();
    if (abs.toString().indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a FIFO path cannot contain a newline: " + abs);
    }
    return abs;
  }

  /** Writes one control line; returns the watchdog's pid. */
  private long send(String line) throws IOException {
    return send(List.of(line));
  }

  /** Writes control lines, in order; returns the watchdog's pid. */
  private long send(List<String> lines) throws IOException {
    long pid = watchdog();
    WatchdogControl.send(home, lines);
    return pid;
  }

  /**
   * The live watchdog's pid. Checking that a pid still runs the watchdog script reads its command
   * line and owner ({@link WatchdogControl#pid}); that is done again only when the pid file or
   * the process's start time changes, not on every hold and release of a restart.
   */
  private long watchdog() throws IOException {
    Known k = known;
    if (k != null && WatchdogControl.filedPid(home).orElse(-1) == k.pid() && k.started() == startTime(k.pid())) {
      return k.pid();
    }
    long pid = WatchdogControl.pid(home)
        .orElseThrow(() -> new IOException("no watchdog runs for " + home.root()));
    known = new Known(pid, startTime(pid));
    return pid;
  }

  private record Known(long pid, long started) {}

  /** The process's start time in clock ticks ({@link ProcStat}), or -1 when it is gone or there is no /proc. */
  private static long startTime(long pid) {
    return ProcStat.read(pid).map(ProcStat::startTicks).orElse(-1L);
  }

  private static Set<Path> openIn(Path fds) throws IOException {
    Set<Path> open = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          open.add(Files.readSymbolicLink(fd));
        } catch (IOException closedMeanwhile) {
          // the fd went away between listing and reading
        }
      }
    }
    return open;
  }
}
