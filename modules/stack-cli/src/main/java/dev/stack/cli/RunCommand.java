package dev.stack.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack run}: the same as {@code stack up --foreground}. */
@Command(name = "run", description = {"Supervise the stack in this process, without the agent (same as up --foreground):",
    "logs on stdout, Ctrl-C or SIGTERM stops every service; exits 1 when every service has failed."})
final class RunCommand extends StackSubcommand {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and their dependencies).")
  List<String> services = new ArrayList<>();

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long to wait for the services to be ready (default: ${DEFAULT-VALUE}).")
  String waitTimeout;

  @Override
  public Integer call() throws Exception {
    Duration wait = Durations.parse("--wait-timeout", waitTimeout);
    return Foreground.run(session(), options(), services, wait);
  }
}
