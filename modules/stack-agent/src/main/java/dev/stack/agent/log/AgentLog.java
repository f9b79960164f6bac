package dev.stack.agent.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where the SLF4J loggers of this JVM write: one file, rotated at {@value #MAX_BYTES} bytes into
 * {@code .1} to {@code .3}, or nowhere (the default). Lines read
 * {@code 2026-11-26T05:53:13.866Z INFO  [thread] Logger: message}, then the stack trace if any.
 *
 * <p>Each event is one write to the file, made under a lock: lines of concurrent threads never mix,
 * and a line is on disk (in the page cache) when the call returns, so a crash loses nothing logged
 * before it. A write that fails (a full disk) is dropped: the agent's log never stops the agent.
 */
public final class AgentLog {

  /** Size at which the file is rotated (logback's "10MB", as before). */
  public static final long MAX_BYTES = 10L * 1024 * 1024;
  /** Rotated files kept beside the current one. */
  public static final int KEEP = 3;

  /** No level passes. */
  private static final int OFF = Integer.MAX_VALUE;

  private static final Object LOCK = new Object();
  private static volatile int threshold = OFF;
  private static RotatingFile file;

  private AgentLog() {}

  /**
   * Sends every logger to {@code path} (replacing a file opened before), at {@code level} and
   * above: TRACE, DEBUG, INFO, WARN or ERROR in any case, OFF for nothing; anything else (or null)
   * means INFO.
   *
   * @throws IOException if the file cannot be opened for appending
   */
  public static void open(Path path, String level) throws IOException {
    open(path, level, MAX_BYTES);
  }

  static void open(Path path, String level, long maxBytes) throws IOException {
    RotatingFile opened = new RotatingFile(path, maxBytes, KEEP);
    synchronized (LOCK) {
      close();
      file = opened;
      threshold = threshold(level);
    }
  }

  /** Closes the file; every level is off until the next {@link #open}. */
  public static void close() {
    synchronized (LOCK) {
      threshold = OFF;
      if (file != null) {
        file.close();
        file = null;
      }
    }
  }

  static boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }

  /** Writes one event; its logger has checked the level already. */
  static void write(Level level, String logger, String message, Throwable thrown) {
    StringBuilder line = new StringBuilder(128);
    UtcTime.append(System.currentTimeMillis(), line);
    String name = level.name();
    line.append(' ').append(name).append(" ".repeat(Math.max(1, 6 - name.length())));
    line.append('[').append(Thread.currentThread().getName()).append("] ");
    line.append(logger).append(": ").append(message).append('\n');
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (LOCK) {
      if (file != null) {
        file.write(bytes);
      }
    }
  }

  private static int threshold(String level) {
    String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
    switch (l) {
      case "OFF":
        return OFF;
      case "ALL":
        return Level.TRACE.toInt();
      default:
        for (Level known : Level.values()) {
          if (known.name().equals(l)) {
            return known.toInt();
          }
        }
        return Level.INFO.toInt();
    }
  }
}
