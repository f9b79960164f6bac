package dev.stack.agent.client;

import dev.stack.agent.protocol.StackHome;
import dev.stack.core.json.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * A minimal CLI for the integration tests and for measuring the client path:
 * {@code PingMain HOME [start]} pings the agent of HOME (starting it with "start") and prints the
 * answer as JSON, or the error the way the CLI prints it, and exits with its code.
 */
public final class PingMain {

  private PingMain() {}

  public static void main(String[] args) {
    StackHome home = new StackHome(Path.of(args[0]));
    boolean start = args.length > 1 && args[1].equals("start");
    try (AgentClient client = AgentClient.connect(home, start)) {
      Map<String, Object> result = client.call("ping", Map.of(), null);
      System.out.println(Json.write(result));
    } catch (AgentException e) {
      System.err.println("error: " + e.getMessage());
      if (e.hint() != null) {
        System.err.println("  hint: " + e.hint());
      }
      System.exit(e.exitCode());
    }
  }
}
