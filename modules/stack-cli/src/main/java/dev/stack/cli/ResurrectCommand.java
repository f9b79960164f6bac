package dev.stack.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code stack resurrect}: what the boot-time unit runs. */
@Command(name = "resurrect", description = {"Bring back every stack that ran before the host restarted, with the profile "
    + "it had; services stopped on purpose stay stopped. What the unit of 'stack startup' runs at boot."})
final class ResurrectCommand extends StackSubcommand {

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> result = agent.call("resurrect", Map.of(), true, agent.progress(Terminal.ansi(session(), options())));
    List<Object> done = (List<Object>) result.getOrDefault("resurrected", List.of());
    List<Object> failed = (List<Object>) result.getOrDefault("failed", List.of());
    List<Object> running = (List<Object>) result.getOrDefault("running", List.of());
    session().err().println(!done.isEmpty() ? "resurrected: " + done
        : running.isEmpty() ? "nothing to resurrect" : "nothing to resurrect: running since this boot: " + running);
    for (Object f : failed) {
      session().err().println("error: " + f);
    }
    return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}
