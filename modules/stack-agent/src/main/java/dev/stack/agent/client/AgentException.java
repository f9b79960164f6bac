package dev.stack.agent.client;

/**
 * A request to the agent failed, or no agent could be reached. The message is one line for the
 * user (without the {@code error: } prefix), the hint says what to do, the exit code ends the CLI.
 */
public final class AgentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String hint;
  private final int exitCode;
  private final String reason;

  public AgentException(String message, String hint, int exitCode, String reason, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.exitCode = exitCode;
    this.reason = reason;
  }

  public AgentException(String message, String hint, int exitCode) {
    this(message, hint, exitCode, null, null);
  }

  /** What the user can do, or null. */
  public String hint() {
    return hint;
  }

  /** The exit code the CLI should end with: 1 the operation failed, 2 bad usage. */
  public int exitCode() {
    return exitCode;
  }

  /**
   * The machine-readable reason the agent gave ({@code forbidden}, {@code unknown-op}, ...), or
   * null; {@code not-running} when no agent answers and none was to be started.
   */
  public String reason() {
    return reason;
  }
}
