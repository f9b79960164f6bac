package dev.stack.model.load;

/**
 * A value written in a stack file cannot be parsed. The message is what a user reads after the
 * property path: it says what was expected and what was got; the hint, if any, what to do.
 */
public final class BadValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String hint;

  public BadValueException(String message, String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  /** {@code expected WHAT, got "TEXT"}. */
  public static BadValueException expected(String what, String got, String hint) {
    return new BadValueException("expected " + what + ", got " + quote(got), hint);
  }

  /** The hint, or null. */
  public String hint() {
    return hint;
  }

  /** Text as shown in messages: in double quotes, with quotes and backslashes escaped. */
  public static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
