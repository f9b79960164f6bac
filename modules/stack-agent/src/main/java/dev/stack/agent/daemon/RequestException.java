package dev.stack.agent.daemon;

/** An operation failed; the message and hint are what the user sees, the exit code ends the CLI. */
public class RequestException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String hint;
  private final int exitCode;

  /**
   * @param message one line, without the {@code error: } prefix
   * @param hint what the user can do, or null
   * @param exitCode 1 the operation failed, 2 bad usage or a bad stack file
   */
  public RequestException(String message, String hint, int exitCode) {
    super(message);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  /** What the user can do, or null. */
  public String hint() {
    return hint;
  }

  /** The exit code the CLI ends with. */
  public int exitCode() {
    return exitCode;
  }
}
