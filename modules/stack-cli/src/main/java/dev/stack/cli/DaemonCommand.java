package dev.stack.cli;

import dev.stack.agent.client.AgentClient;
import dev.stack.agent.client.AgentException;
import dev.stack.core.render.Units;
import dev.stack.core.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack daemon status|stop}: the per-user agent. */
@Command(name = "daemon", description = "The per-user agent that supervises services.",
    subcommands = {DaemonCommand.Status.class, DaemonCommand.Stop.class})
final class DaemonCommand extends StackSubcommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(session().err());
    return ExitCode.USAGE;
  }

  @Command(name = "status", description = "Whether the agent runs: pid, version, uptime, memory.")
  static final class Status extends StackSubcommand {
    @Option(names = "--json", description = "As JSON: running, pid, watchdog_pid, version, uptime_ms, rss_bytes, home.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AgentCalls agent = new AgentCalls(session(), options());
      Map<String, Object> ping;
      try {
        ping = AgentClient.status(agent.home());
      } catch (AgentException e) {
        throw new AgentCalls.AgentFailure(e);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("running", ping != null);
      if (ping != null) {
        out.put("pid", ping.get("pid"));
        out.put("watchdog_pid", ping.get("watchdogPid"));
        out.put("version", ping.get("version"));
        out.put("uptime_ms", ping.get("uptimeMs"));
        out.put("rss_bytes", ping.get("rssBytes"));
      }
      out.put("home", agent.home().root().toString());
      if (json) {
        session().out().println(Json.writePretty(out));
      } else if (ping == null) {
        session().out().println("the agent is not running (home " + agent.home().root() + "); it starts with the first command that needs it");
      } else {
        session().out().println("the agent runs: pid " + out.get("pid") + ", version " + out.get("version") + ", up "
            + Units.duration((Number) out.get("uptime_ms")) + ", memory " + Units.bytes((Number) out.get("rss_bytes"))
            + " (home " + out.get("home") + ")");
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "stop", description = {"Stop the agent; services keep running and are re-adopted by the next agent.",
      "--services: stop every native service first, for a shutdown; the next 'stack resurrect' brings them back."})
  static final class Stop extends StackSubcommand {
    @Option(names = "--services", description = "First stop every native service of every stack (dependents first, each with"
        + " its stop signal and timeout) without remembering them as stopped, so 'stack resurrect' brings back what ran;"
        + " containers are left to the engine. What the unit of 'stack startup' runs as the machine shuts down.")
    boolean services;

    @Override
    public Integer call() throws Exception {
      AgentCalls agent = new AgentCalls(session(), options());
      if (services) {
        Map<String, Object> r = agent.call("halt", Map.of(), true, agent.progress(Terminal.ansi(session(), options())));
        long pid = ((Number) r.get("pid")).longValue();
        try {
          AgentClient.awaitExit(pid, Duration.ofSeconds(15));
        } catch (AgentException e) {
          throw new AgentCalls.AgentFailure(e);
        }
        session().err().println("stopped " + r.get("stopped") + " native instance(s), kept for 'stack resurrect'; agent " + pid
            + " stopped");
        return ExitCode.OK;
      }
      long pid;
      try {
        pid = AgentClient.stop(agent.home(), Duration.ofSeconds(15));
      } catch (AgentException e) {
        throw new AgentCalls.AgentFailure(e);
      }
      session().err().println(pid < 0 ? "the agent was not running" : "agent " + pid + " stopped; services keep running");
      return ExitCode.OK;
    }
  }
}
