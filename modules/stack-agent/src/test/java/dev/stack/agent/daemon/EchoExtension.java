package dev.stack.agent.daemon;

import java.util.LinkedHashMap;
import java.util.Map;

/** A test extension, found by ServiceLoader in agents started from the test classpath. */
public final class EchoExtension implements AgentExtension {

  @Override
  public void configure(AgentServer server) {
    server.register("echo", (req, events) -> {
      events.emit("progress", Map.of("step", "echoing"));
      Map<String, Object> r = new LinkedHashMap<>(req.args());
      r.put("pid", ProcessHandle.current().pid());
      return r;
    });
  }
}
