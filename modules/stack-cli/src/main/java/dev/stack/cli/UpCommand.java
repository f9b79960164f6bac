package dev.stack.cli;

import dev.stack.core.render.Ansi;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stack up [SERVICE...]}: brings the stack (or the named services and their dependencies) up. */
@Command(name = "up", description = {
    "Start the stack (or SERVICEs and what they depend on) in dependency order and wait until it is ready.",
    "Unchanged services keep running; changed ones are recreated; services gone from the file stop.",
    "Without --profile: the profile the stack runs with, else dev."})
final class UpCommand extends StackSubcommand {

  @Mixin
  StartOptions start = new StartOptions();

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--build", description = "Build the images of services with build: first (a failed build changes "
      + "nothing), and recreate the containers that run an older build. Without it, a running container keeps its image.")
  boolean build;

  @Option(names = "--foreground", description = "Supervise in this process, without the agent; logs to stdout; "
      + "Ctrl-C or SIGTERM stops everything (what a container's entrypoint runs).")
  boolean foreground;

  @Override
  public Integer call() throws Exception {
    return run(session(), options());
  }

  /** The command's work, also reached by {@link FastPath} without picocli. */
  int run(Session session, StackOptions options) throws Exception {
    Duration wait = start.waitTimeout();
    if (foreground) {
      return Foreground.run(session, options, start.services, wait);
    }
    AgentCalls agent = new AgentCalls(session, options);
    Map<String, Object> args = agent.stackArgs(start.services);
    args.put("wait_timeout_ms", wait.toMillis());
    if (build) {
      args.put("build", true);
    }
    Ansi ansi = Terminal.ansi(session, options);
    if (dryRun) {
      args.put("dry_run", true);
      Map<String, Object> plan = agent.call("up", args, true, agent.progress(ansi));
      session.out().print(PlanText.render(plan, ansi));
      return ExitCode.OK;
    }
    Map<String, Object> result = agent.call("up", args, true, agent.progress(ansi));
    Object n = result.get("services");
    String instances = n + (n instanceof Number c && c.longValue() == 1 ? " instance" : " instances");
    session.err().println("stack " + result.get("stack") + " is up (" + instances + ", profile " + result.get("profile") + ")");
    return ExitCode.OK;
  }
}
