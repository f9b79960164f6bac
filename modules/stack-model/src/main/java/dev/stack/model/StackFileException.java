package dev.stack.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack file (or a profile, or a {@code --set}) is wrong. Carries every problem found, each
 * printed on its own line; the CLI maps it to exit code 2 without a stack trace.
 */
public class StackFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public StackFileException(List<Problem> problems) {
    super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a StackFileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public StackFileException(Problem problem) {
    this(List.of(problem));
  }

  public StackFileException(Problem problem, Throwable cause) {
    this(List.of(problem));
    initCause(cause);
  }

  public List<Problem> problems() {
    return problems;
  }

  /**
   * These problems followed by one line saying which profiles of {@code file} they were found
   * under ({@code shop.yaml is invalid under profile prod}), for commands that load more than one.
   */
  public StackFileException underProfiles(String file, String profiles, String hint) {
    List<Problem> all = new ArrayList<>(problems);
    all.add(new Problem(null, null, file + " is invalid under profile " + profiles, hint));
    return new StackFileException(all);
  }
}
