package dev.stack.cli;

import dev.stack.cli.render.DescribeText;
import dev.stack.core.json.Json;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack describe SERVICE}: everything about one service. */
@Command(name = "describe", description = {"Everything about one service: resolved definition (secrets masked), "
    + "pid or container, restart and health history, log files, limits and whether they are enforced."})
final class DescribeCommand extends StackSubcommand {

  @Parameters(paramLabel = "SERVICE", description = "The service.")
  String service;

  @Option(names = "--json", description = "The same as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> args = agent.stackArgs(List.of());
    args.remove("env");
    args.put("service", service);
    Map<String, Object> result = agent.call("describe", args, true, null);
    result.put("logs", agent.home().logsDir().resolve(String.valueOf(result.get("stack"))).toString());
    session().out().print(json ? Json.writePretty(result) + "\n" : DescribeText.render(result, Terminal.ansi(session(), options())));
    return ExitCode.OK;
  }
}
