package dev.stack.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack down}: stops every service and forgets the stack; logs stay. */
@Command(name = "down", description = {"Stop every service of the stack, remove its containers and network, and forget it.",
    "Logs stay readable with 'stack logs'; named volumes stay unless --volumes."})
final class DownCommand extends StackSubcommand {

  @Option(names = "--volumes", description = "Also remove the stack's named volumes, including those an earlier down kept.")
  boolean volumes;

  @Override
  public Integer call() throws Exception {
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> args = agent.stackArgs(List.of());
    args.put("volumes", volumes);
    Map<String, Object> result = agent.call("down", args, true, agent.progress(Terminal.ansi(session(), options())));
    Object stack = result.get("stack");
    session().err().println(stack == null || stack.toString().isEmpty() ? "nothing to stop: the stack is not running"
        : "stack " + stack + " is down");
    return ExitCode.OK;
  }
}
