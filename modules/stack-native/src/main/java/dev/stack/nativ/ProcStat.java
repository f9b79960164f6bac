package dev.stack.nativ;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/stat} this backend needs.
 *
 * @param pid process id
 * @param state one letter: R, S, D, Z (zombie), T, X...
 * @param ppid parent pid
 * @param pgid process group
 * @param sid session
 * @param utimeTicks user CPU time in clock ticks
 * @param stimeTicks system CPU time in clock ticks
 * @param startTicks start time after boot in clock ticks (field 22): with the pid, names a process
 *     uniquely, so a reused pid is never mistaken for the old process
 * @param rssPages resident set size in pages
 */
public record ProcStat(int pid, char state, int ppid, int pgid, int sid, long utimeTicks, long stimeTicks,
    long startTicks, long rssPages) {

  static final Path PROC = Path.of("/proc");

  /** Whether the process has ended (a zombie or dead entry counts as ended). */
  public boolean ended() {
    return state == 'Z' || state == 'X' || state == 'x';
  }

  /** Reads {@code /proc/PID/stat}; empty when the process is gone. */
  public static Optional<ProcStat> read(long pid) {
    try {
      return Optional.of(parse(new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
          StandardCharsets.US_ASCII)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses one stat line. The command name (field 2) may hold spaces and parentheses, so the
   * fields after it are found from the last {@code ')'}.
   */
  public static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
    }
    int pid = Integer.parseInt(line.substring(0, open).trim());
    String[] f = line.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state): field n is f[n - 3]
    return new ProcStat(pid, f[0].charAt(0), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]), Long.parseLong(f[21]));
  }
}
