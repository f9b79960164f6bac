package dev.stack.model;

import java.time.Duration;
import java.util.List;

/**
 * Restart on file change, PM2's {@code watch}: when a file under {@code paths} is created, changed
 * or removed, the service's instances restart (a container's image is rebuilt first where the
 * service builds one).
 *
 * @param paths absolute folders (everything under them) or files
 * @param ignore glob patterns a name or a path relative to a watched folder is not reacted to:
 *     {@link #DEFAULT_IGNORE} and those written in the stack file
 * @param delay the restart comes this long after the first change; changes meanwhile join it
 */
public record Watch(List<String> paths, List<String> ignore, Duration delay) {

  /** Never reacted to: dot files and folders ({@code .git}), dependencies, bytecode, logs, editor files. */
  public static final List<String> DEFAULT_IGNORE =
      List.of(".*", "node_modules", "__pycache__", "*.pyc", "*.log", "*~", "*.swp");

  /** How long after the first change the restart comes when {@code delay} is not written. */
  public static final Duration DEFAULT_DELAY = Duration.ofMillis(500);

  public Watch {
    if (paths == null || paths.isEmpty()) {
      throw new IllegalArgumentException("a watch needs a path");
    }
    paths = List.copyOf(paths);
    ignore = ignore == null ? DEFAULT_IGNORE : List.copyOf(ignore);
    delay = delay == null ? DEFAULT_DELAY : delay;
  }
}
