package dev.stack.core.spi;

/**
 * A backend could not do what was asked. It says whether trying again may help (a busy port, an
 * engine not up yet) or not (a bad spec, a missing image), so restart policy and messages can tell
 * them apart. The message is one line for users; the hint, if any, says what to do.
 */
public class BackendException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final String hint;

  public BackendException(String message, String hint, boolean retryable, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.retryable = retryable;
  }

  public BackendException(String message, String hint, boolean retryable) {
    this(message, hint, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** What the user can do, or null. */
  public String hint() {
    return hint;
  }
}
