package dev.stack.cli;

/** The exit codes of {@code stack} (DESIGN.md "Commands"). */
final class ExitCode {

  /** Success. */
  static final int OK = 0;
  /** The operation failed. */
  static final int FAILED = 1;
  /** Bad usage or a bad stack file. */
  static final int USAGE = 2;

  private ExitCode() {}
}
