package dev.stack.agent.supervisor;

/**
 * A request cannot be done; carries the one-line message, an optional hint and the exit code the
 * CLI should return (1 the operation failed, 2 bad usage or a bad stack file).
 */
public final class OpException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String hint;
  private final int exitCode;

  public OpException(String message, String hint, int exitCode) {
    super(message);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  public String hint() {
    return hint;
  }

  public int exitCode() {
    return exitCode;
  }
}
