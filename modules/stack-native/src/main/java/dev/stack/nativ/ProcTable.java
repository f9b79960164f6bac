package dev.stack.nativ;

import dev.stack.core.concurrent.SharedReading;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of every live process in {@code /proc}, to find process groups and descendants.
 *
 * <p>Scans are shared: a scan reads every process on the host, and {@code ps} of 100 instances or
 * stopping 100 at once would otherwise scan 100 times (measured: the bulk of the agent's work for
 * {@code ps}). {@link #fresh()} still never returns a snapshot begun before the call.
 */
final class ProcTable {

  private static final SharedReading<Boolean, ProcTable> SCANS = new SharedReading<>();

  private final Map<Integer, ProcStat> byPid;
  private final long scannedAtNanos;

  private ProcTable(Map<Integer, ProcStat> byPid, long scannedAtNanos) {
    this.byPid = byPid;
    this.scannedAtNanos = scannedAtNanos;
  }

  /** A snapshot begun after this call: concurrent callers share one scan. */
  static ProcTable fresh() {
    return since(System.nanoTime());
  }

  /** A snapshot at most {@code maxAgeNanos} old, for figures (usage) rather than signals. */
  static ProcTable recent(long maxAgeNanos) {
    return since(System.nanoTime() - maxAgeNanos);
  }

  private static ProcTable since(long afterNanos) {
    return SCANS.begunAfter(Boolean.TRUE, afterNanos, all -> scan()).value();
  }

  /** When the scan began ({@link System#nanoTime()}). */
  long scannedAtNanos() {
    return scannedAtNanos;
  }

  /** Scans {@code /proc} once; ended processes (zombies) are left out. */
  static ProcTable scan() {
    long began = System.nanoTime();
    Map<Integer, ProcStat> all = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ProcStat.PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        ProcStat.read(Long.parseLong(name)).filter(p -> !p.ended()).ifPresent(p -> all.put(p.pid(), p));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return new ProcTable(all, began);
  }

  static ProcTable of(Collection<ProcStat> stats) {
    Map<Integer, ProcStat> all = new HashMap<>();
    stats.forEach(p -> all.put(p.pid(), p));
    return new ProcTable(all, System.nanoTime());
  }

  ProcStat get(int pid) {
    return byPid.get(pid);
  }

  /** Processes in group {@code pgid}. */
  List<ProcStat> inGroup(int pgid) {
    List<ProcStat> found = new ArrayList<>();
    for (ProcStat p : byPid.values()) {
      if (p.pgid() == pgid) {
        found.add(p);
      }
    }
    return found;
  }

  /**
   * The given processes and all their descendants (including ones that left the process group
   * with setsid, while their parent still lives); pids not alive are skipped.
   */
  List<ProcStat> withDescendants(Collection<Integer> seeds) {
    Map<Integer, List<ProcStat>> children = new HashMap<>();
    for (ProcStat p : byPid.values()) {
      children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
    }
    Map<Integer, ProcStat> found = new LinkedHashMap<>();
    Deque<Integer> todo = new ArrayDeque<>();
    for (int pid : seeds) {
      ProcStat p = byPid.get(pid);
      if (p != null && found.putIfAbsent(pid, p) == null) {
        todo.add(pid);
      }
    }
    while (!todo.isEmpty()) {
      for (ProcStat c : children.getOrDefault(todo.poll(), List.of())) {
        if (found.putIfAbsent(c.pid(), c) == null) {
          todo.add(c.pid());
        }
      }
    }
    return new ArrayList<>(found.values());
  }
}
