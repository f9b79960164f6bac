package dev.stack.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What /proc says about processes: trees, command lines, liveness. Linux only. */
final class Procs {

  private Procs() {}

  /** Every live process id with its parent id. */
  static Map<Long, Long> parents() {
    Map<Long, Long> parents = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
        String stat = read(p.resolve("stat"));
        int close = stat.lastIndexOf(')');
        if (close > 0) {
          String[] fields = stat.substring(close + 2).split(" ");
          if (!fields[0].equals("Z")) {
            parents.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(fields[1]));
          }
        }
      });
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return parents;
  }

  /** All descendants of a process (children, their children...), not the process itself. */
  static List<Long> descendants(long root) {
    Map<Long, Long> parents = parents();
    List<Long> found = new ArrayList<>();
    List<Long> frontier = new ArrayList<>(List.of(root));
    while (!frontier.isEmpty()) {
      long parent = frontier.remove(0);
      parents.forEach((pid, ppid) -> {
        if (ppid == parent && !found.contains(pid)) {
          found.add(pid);
          frontier.add(pid);
        }
      });
    }
    return found;
  }

  /**
   * Live processes whose command line contains the marker, except those whose parent has it too
   * (a shell's fork keeps its argv until it execs).
   */
  static List<Long> withArgument(String marker) {
    Map<Long, Long> parents = parents();
    List<Long> marked = new ArrayList<>();
    for (long pid : parents.keySet()) {
      if (commandLine(pid).contains(marker)) {
        marked.add(pid);
      }
    }
    return marked.stream().filter(pid -> !marked.contains(parents.get(pid))).sorted().toList();
  }

  /** The process's argv joined by spaces ("" when gone). */
  static String commandLine(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').trim();
  }

  /** Whether the process exists and is not a zombie. */
  static boolean alive(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    int close = stat.lastIndexOf(')');
    return close > 0 && stat.charAt(close + 2) != 'Z';
  }

  /** Clock ticks per second of /proc's CPU times ({@code getconf CLK_TCK}: 100 on Linux). */
  static final long CLK_TCK = 100;

  /** CPU time (user + system, in clock ticks) the process and all its live descendants used so far. */
  static long cpuTicks(long root) {
    long ticks = 0;
    List<Long> tree = new ArrayList<>(descendants(root));
    tree.add(root);
    for (long pid : tree) {
      String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      if (close > 0) {
        String[] fields = stat.substring(close + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
      }
    }
    return ticks;
  }

  /** SIGKILL, when the process still lives. */
  static void kill(long pid) {
    if (pid > 1 && alive(pid)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
