package dev.stack.cli;

import dev.stack.core.render.Ansi;
import dev.stack.core.json.Json;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack ps}: one status table for every backend. */
@Command(name = "ps", aliases = {"status", "ls"}, description = {
    "Show the services of the stack: backend, pid or container, status, uptime, restarts, CPU, memory, ports.",
    "A '!' after a name: its limits are not enforced on this host."})
final class PsCommand extends StackSubcommand {

  @Option(names = {"-a", "--all"}, description = "Every stack the agent runs, not only this folder's.")
  boolean all;

  @Option(names = "--json", description = "One JSON object: {\"profile\", \"instances\": [...]} (schema in docs/status.md).")
  boolean json;

  @Option(names = {"-w", "--watch"}, description = "Redraw every second until Ctrl-C.")
  boolean watch;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    return show(session(), options());
  }

  /** The command's work, also reached by {@link FastPath} without picocli. */
  int show(Session session, StackOptions options) throws Exception {
    AgentCalls agent = new AgentCalls(session, options);
    Map<String, Object> args = agent.stackArgs(List.of());
    args.remove("env");
    args.put("all", all);
    Ansi ansi = Terminal.ansi(session, options);
    if (!json) {
      // the agent renders the table (warm code); this JVM only prints it
      args.put("table", Map.of("columns", Terminal.columns(session), "color", ansi.enabled()));
    }
    do {
      Map<String, Object> result = agent.call("ps", args, true, null);
      if (json) {
        session.out().println(Json.writePretty(result));
        return ExitCode.OK;
      }
      StringBuilder b = new StringBuilder();
      if (watch) {
        b.append("\u001b[H\u001b[2J");
      }
      String table = (String) result.get("table"); // the agent is of this version: AgentClient sees to it
      if (table.isEmpty()) {
        // a stack that runs (it has a profile) with no rows: every service it selected has replicas: 0
        b.append(all ? "no stack is running" : result.get("profile") != null
            ? "the stack of " + args.get("source") + " is up with no instances (its services have replicas: 0)"
            : notRunning(args.get("source"))).append('\n');
      } else {
        b.append(table);
      }
      session.out().print(b);
      session.out().flush();
      if (watch) {
        Thread.sleep(1000);
      }
    } while (watch);
    return ExitCode.OK;
  }

  /** What ps (and monit) say of a stack with no instances. */
  static String notRunning(Object source) {
    return "the stack of " + source + " is not running (start it with 'stack up')";
  }
}
