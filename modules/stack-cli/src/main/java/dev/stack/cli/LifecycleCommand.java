package dev.stack.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop}, {@code start} and {@code restart} of some or all services of the running stack. */
abstract class LifecycleCommand extends StackSubcommand {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all).")
  List<String> services = new ArrayList<>();

  /** The agent operation. */
  abstract String op();

  /** Extra arguments of the operation. */
  void addArgs(Map<String, Object> args) {}

  @Override
  public Integer call() throws Exception {
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> args = agent.stackArgs(services);
    addArgs(args);
    agent.call(op(), args, true, agent.progress(Terminal.ansi(session(), options())));
    return ExitCode.OK;
  }

  @Command(name = "stop", description = {"Stop services (all by default): their stop signal to every process of "
      + "each, SIGKILL after the timeout. They stay stopped until start or up."})
  static final class Stop extends LifecycleCommand {
    @Override
    String op() {
      return "stop";
    }
  }

  /** Start and restart wait for readiness. */
  abstract static class Starting extends LifecycleCommand {
    /** How long start and restart wait for readiness unless told: as long as {@code up}. */
    static final String DEFAULT_WAIT = StartOptions.DEFAULT_WAIT;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = DEFAULT_WAIT,
        description = "How long to wait for the services to be ready (default: ${DEFAULT-VALUE}).")
    String waitTimeout;

    @Override
    void addArgs(Map<String, Object> args) {
      Duration wait = Durations.parse("--wait-timeout", waitTimeout);
      args.put("wait_timeout_ms", wait.toMillis());
    }
  }

  @Command(name = "start", description = "Start stopped services (all by default) and wait until they are ready.")
  static final class Start extends Starting {
    @Override
    String op() {
      return "start";
    }
  }

  @Command(name = "restart", description = {"Stop, then start services (all by default) with their current definition.",
      "--rolling: one instance at a time, each ready before the next is stopped (PM2's reload)."})
  static final class Restart extends Starting {
    @Option(names = "--rolling", description = "Restart one instance at a time, in dependency order, waiting until each is "
        + "ready before stopping the next; replicas keep serving. The first that does not come back ends it.")
    boolean rolling;

    @Override
    String op() {
      return "restart";
    }

    @Override
    void addArgs(Map<String, Object> args) {
      super.addArgs(args);
      if (rolling) {
        args.put("rolling", true);
      }
    }
  }
}
