package dev.stack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code stack monit}: a live full-screen view of the running stack, like {@code pm2 monit}. The
 * terminal work is in {@link MonitLoop}, reached only from {@link #call}, so building picocli's
 * model of the commands loads no terminal library.
 */
@Command(name = "monit", description = {
    "A live full-screen dashboard of the running stack: each service's status, CPU and memory with their "
        + "recent history, and the log tail of the selected service, redrawn every second.",
    "Keys: up/down or j/k select a service, r restart it, s stop it, t start it, q or Ctrl-C quit "
        + "(Ctrl-Z suspends, Ctrl-L redraws).",
    "Needs a terminal (over ssh: ssh -t); without one it exits 2. 'stack ps --watch' works anywhere."})
final class MonitCommand extends StackSubcommand {

  @Override
  public Integer call() throws Exception {
    if (!Terminal.interactive()) {
      throw new AgentCalls.AgentFailure("stack monit needs a terminal: its standard input or output is not one",
          "over ssh use 'ssh -t'; to watch without a terminal use 'stack ps --watch' or 'stack logs -f'",
          ExitCode.USAGE, null);
    }
    String source = options().fileName(session());
    MonitData data = new MonitData(new AgentCalls(session(), options()), StackNames.of(Path.of(source), source),
        Terminal.ansi(session(), options()).enabled());
    return new MonitLoop(data, Terminal.ansi(session(), options())).run();
  }
}
