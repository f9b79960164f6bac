package dev.stack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stack run}: the same as {@code stack up --foreground}. */
@Command(name = "run", description = {"Supervise the stack in this process, without the agent (same as up --foreground).",
    "Logs go to stdout; Ctrl-C or SIGTERM stops every service; exits 1 when every service has failed."})
final class RunCommand extends StackSubcommand {

  @Mixin
  StartOptions start;

  @Override
  public Integer call() throws Exception {
    return Foreground.run(session(), options(), start.services, start.waitTimeout());
  }
}
