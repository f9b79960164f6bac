package dev.stack.model;

import dev.stack.model.yaml.Mark;

/**
 * One thing wrong with what the user wrote, in the compiler-style form of DESIGN.md "Commands":
 * <pre>
 * stack.yaml:14:15: error: services.api.stop.timeout: expected a duration like 500ms or 10s, got "5 parsecs"
 *   hint: durations take ms, s, m or h
 * </pre>
 *
 * @param mark where, or null when the problem has no place (then the line starts with {@code error:})
 * @param path the property path ({@code services.api.restart.backoff}), or null
 * @param message what is wrong and what was expected; one line
 * @param hint what to do, or null; one line
 */
public record Problem(Mark mark, String path, String message, String hint) {

  public Problem {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a problem needs a message");
    }
    message = oneLine(message);
    hint = hint == null ? null : oneLine(hint);
  }

  public static Problem at(Mark mark, String path, String message) {
    return new Problem(mark, path, message, null);
  }

  public Problem withHint(String newHint) {
    return new Problem(mark, path, message, newHint);
  }

  /** The error line, then the hint line if any, without a trailing newline. */
  public String format() {
    StringBuilder b = new StringBuilder();
    if (mark != null) {
      b.append(mark).append(": ");
    }
    b.append("error: ");
    if (path != null && !path.isEmpty()) {
      b.append(path).append(": ");
    }
    b.append(message);
    if (hint != null) {
      b.append("\n  hint: ").append(hint);
    }
    return b.toString();
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return format();
  }
}
