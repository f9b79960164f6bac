package dev.stack.docker;

import dev.stack.model.Problem;

/**
 * A backend operation failed, told the compiler way: {@link #getMessage()} is the one
 * {@code error: ...} line, {@link #problem()} adds the hint line. {@link #retryable()} says whether
 * trying again later can help (an engine not up yet) or not (an image that does not exist), so
 * restart policies and messages can tell the two apart (STYLE.md practice 5).
 *
 * <p>Lives here until the backend SPI in stack-core takes it over.
 */
public class BackendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;
  private final boolean retryable;

  /**
   * @param message what failed, one line, without the {@code error:} prefix
   * @param hint what to do, one line, or null
   * @param retryable whether the same operation may succeed later without a change by the user
   * @param cause the underlying failure, kept for {@code --debug}
   */
  public BackendException(String message, String hint, boolean retryable, Throwable cause) {
    this(new Problem(null, null, message, hint), retryable, cause);
  }

  private BackendException(Problem problem, boolean retryable, Throwable cause) {
    super(problem.withHint(null).format(), cause);
    this.problem = problem;
    this.retryable = retryable;
  }

  /** The error and its hint, printable as they are. */
  public Problem problem() {
    return problem;
  }

  /** The hint line's text, or null. */
  public String hint() {
    return problem.hint();
  }

  /** Whether trying again later may succeed without the user changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
