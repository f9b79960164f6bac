package dev.stack.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The operations every agent serves, whatever its extensions: {@code ping} and {@code shutdown}. */
final class BuiltinOps {

  /** Ops an agent answers whatever the CLI's version, so that a CLI can see and replace it. */
  static final Set<String> ANY_VERSION = Set.of("ping", "shutdown");

  private BuiltinOps() {}

  static void register(AgentServer server) {
    server.register("ping", (req, events) -> {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("version", server.version());
      r.put("pid", ProcessHandle.current().pid());
      r.put("uptimeMs", System.currentTimeMillis() - server.startedAt());
      r.put("rssBytes", residentBytes());
      r.put("home", server.home().root().toString());
      r.put("watchdogPid", watchdogPid(server));
      return r;
    });
    server.register("shutdown", (req, events) -> {
      boolean upgrade = Boolean.TRUE.equals(req.args().get("upgrade"));
      server.requestStop(upgrade ? AgentMain.EXIT_UPGRADE : AgentMain.EXIT_STOPPED);
      return Map.of("pid", ProcessHandle.current().pid(), "upgrade", upgrade);
    });
  }

  /** This process's resident set in bytes, from /proc; -1 where there is no /proc. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  /** The watchdog's pid from its pid file, or null when there is none (an agent started by hand). */
  private static Long watchdogPid(AgentServer server) {
    try {
      return Long.parseLong(java.nio.file.Files.readString(server.home().watchdogPid()).strip());
    } catch (java.io.IOException | NumberFormatException e) {
      return null;
    }
  }
}
