package dev.stack.cli;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns an exception into what the user sees and an exit code: a bad stack
 * file prints its problems (exit 2), bad usage prints {@code error:} and where to find help
 * (exit 2), anything else prints {@code error:} and suggests {@code --debug} (exit 1). Stack
 * traces appear only with {@code --debug}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final PrintStream err;
  private final boolean debugRequested;

  /**
   * @param err where errors go
   * @param debugRequested whether {@code --debug} appeared on the command line; a usage error can
   *     stop parsing before the option itself is set
   */
  ErrorReporter(PrintStream err, boolean debugRequested) {
    this.err = err;
    this.debugRequested = debugRequested;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    err.println("error: " + usageMessage(e));
    List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
    if (suggestions.isEmpty()) {
      err.println("  hint: see '" + command + " --help'");
    } else {
      err.println("  hint: did you mean '" + suggestions.get(0) + "'? See '" + command + " --help'");
    }
    trace(e);
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (e instanceof ParameterException usage) {
      return handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
    }
    return report(e);
  }

  /** What the user sees of a failure outside picocli's own errors, and the exit code. */
  int report(Exception e) {
    if (e instanceof StackFileException bad) {
      for (Problem problem : bad.problems()) {
        err.println(problem.format());
      }
      trace(e);
      return ExitCode.USAGE;
    }
    if (e instanceof AgentCalls.AgentFailure agent) {
      return agentFailure(agent);
    }
    String message = e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName() : e.getMessage();
    err.println("error: " + oneLine(message));
    err.println(debugRequested ? "  hint: the stack trace follows" : "  hint: run with --debug for details");
    trace(e);
    return ExitCode.FAILED;
  }

  /**
   * An error the agent reported: stack-file problems come as formatted lines (printed as they
   * are); anything else is one message and a hint, which may hold a failed service's last lines.
   */
  private int agentFailure(AgentCalls.AgentFailure e) {
    String message = e.getMessage() == null ? "the agent failed" : e.getMessage();
    // formatted problems: with a place ("stack.yaml:3:5: error: ...") or without ("error: ...")
    if (e.exitCode() == ExitCode.USAGE && (message.contains(": error: ") || message.startsWith("error: "))) {
      err.println(message);
    } else {
      err.println("error: " + message);
      if (e.hint() != null) {
        err.println("  hint: " + e.hint());
      }
    }
    trace(e);
    return e.exitCode() == 0 ? ExitCode.FAILED : e.exitCode();
  }

  private void trace(Throwable e) {
    if (debugRequested) {
      e.printStackTrace(err);
    }
  }

  /**
   * picocli's message in our style: lower case first word ("unknown option: '--x'"), and a word that
   * is not a command called so instead of "unmatched argument at index 0".
   */
  private static String usageMessage(ParameterException e) {
    CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
    if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !spec.subcommands().isEmpty()
        && !u.getUnmatched().isEmpty()) {
      return "unknown command '" + u.getUnmatched().get(0) + "'";
    }
    String line = oneLine(e.getMessage());
    return line.isEmpty() ? line : line.substring(0, 1).toLowerCase(Locale.ROOT) + line.substring(1);
  }

  private static String oneLine(String message) {
    return message.strip().replace("\r", "").replace('\n', ' ');
  }
}
