package dev.stack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: gives it the session and the shared flags of the top command. Errors
 * are not caught here: {@link ErrorReporter} maps every exception to a message and an exit code.
 */
abstract class StackSubcommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The top command of this run. */
  protected final StackCommand root() {
    return (StackCommand) spec.root().userObject();
  }

  protected final Session session() {
    return root().session();
  }

  protected final StackOptions options() {
    return root().options();
  }
}
