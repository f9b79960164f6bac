package dev.stack.cli;

import dev.stack.agent.client.AgentLaunch;
import dev.stack.agent.protocol.JsonLines;
import dev.stack.agent.protocol.StackHome;
import dev.stack.core.render.Ansi;
import dev.stack.core.render.PsTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the common commands once, output discarded, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit=stack.jsa} records every class they load in one class-data
 * sharing archive ({@code make build} does this). {@code bin/stack} then starts from that archive.
 * Arguments: stack files to {@code validate} and {@code config}; the last one is also listed with
 * {@code ps} and {@code up} against a stand-in agent, so that the socket, JSON and table classes of
 * the most frequent commands are archived too (a real agent is not needed, and none is started).
 */
public final class ArchiveTraining {

  private ArchiveTraining() {}

  public static void main(String[] stackFiles) throws IOException, InterruptedException {
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[] {"--help"});
    runs.add(new String[] {"--version"});
    runs.add(new String[] {"config", "--bogus"});
    for (String file : stackFiles) {
      runs.add(new String[] {"-f", file, "validate"});
      runs.add(new String[] {"-f", file, "config"});
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    for (String[] args : runs) {
      Main.run(nowhere, nowhere, Map.of(), args);
    }
    if (stackFiles.length > 0) {
      trainAgentCalls(nowhere, stackFiles[stackFiles.length - 1]);
    }
    trainAgentStart();
  }

  /**
   * What a cold {@code stack up} loads to start the agent, without starting one: its launch
   * command, the starter's classes, and a process started as the starter starts the watchdog.
   * Without them in the archive, the first of these classes opened the jar (~25 ms at 18,000 entries)
   * on the critical path of a cold start.
   */
  private static void trainAgentStart() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("stack-training");
    try {
      AgentLaunch.ofThisProcess().command(new StackHome(dir));
      for (String name : List.of("dev.stack.agent.client.AgentStarter", "dev.stack.agent.protocol.WatchdogControl")) {
        Class.forName(name, false, ArchiveTraining.class.getClassLoader());
      }
      System.setProperty("jdk.lang.Process.launchMechanism", "VFORK"); // as AgentStarter does
      Process p = new ProcessBuilder("/bin/true").directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve("out").toFile()))
          .redirectErrorStream(true)
          .start();
      p.waitFor();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** {@code stack ps} (plain and {@code --json}) and {@code stack up}, against a stand-in agent on a temporary home. */
  private static void trainAgentCalls(PrintStream nowhere, String file) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("stack-training");
    StackHome home = new StackHome(dir);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(home.socket()));
      Thread agent = new Thread(() -> answer(server, 3), "training-agent");
      agent.start();
      Map<String, String> env = Map.of(StackHome.ENV, dir.toString());
      Main.run(nowhere, nowhere, env, "-f", file, "ps");
      Main.run(nowhere, nowhere, env, "-f", file, "ps", "--json");
      Main.run(nowhere, nowhere, env, "-f", file, "up");
      // the up's early start of the agent runs in a thread of its own: it must find the stand-in
      // still bound, or it starts a real agent on this temporary home (one was left running)
      EarlyAgent.awaitStart();
      agent.join();
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Answers {@code ps} with two rows (their table for a plain ps), and {@code up} with its events and result. Connections that
   * close without a request (an {@code up}'s early check that an agent runs) do not count.
   */
  private static void answer(ServerSocketChannel server, int requests) {
    int answered = 0;
    while (answered < requests) {
      try (SocketChannel ch = server.accept(); JsonLines lines = new JsonLines(ch)) {
        Map<String, Object> request = lines.read();
        if (request == null) {
          continue;
        }
        answered++;
        if ("up".equals(request.get("op"))) {
          lines.write(Map.of("event", "profile", "profile", "dev", "source", "default"));
          for (String status : List.of("create", "starting", "online")) {
            lines.write(Map.of("event", "progress", "instance", "web", "status", status, "detail", "pid 41235"));
          }
          lines.write(Map.of("result", Map.of("stack", "training", "services", 1, "profile", "dev")));
          continue;
        }
        List<Map<String, Object>> rows = List.of(row("web", 41235, 3.2, 45_200_000L),
            row("worker", 41240, 12.5, 2_000_000_000L));
        if (request.get("args") instanceof Map<?, ?> args && args.containsKey("table")) {
          // a plain ps: the agent renders the table
          lines.write(Map.of("result", Map.of("profile", "dev", "count", rows.size(), "table",
              PsTable.render(rows, false, Ansi.ON, 80))));
          continue;
        }
        lines.write(Map.of("result", Map.of("profile", "dev", "instances", rows)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Map<String, Object> row(String name, int pid, double cpu, long memory) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stack", "training");
    r.put("instance", name);
    r.put("service", name);
    r.put("index", 1);
    r.put("backend", "native");
    r.put("id", Integer.toString(pid));
    r.put("pid", pid);
    r.put("status", "online");
    r.put("state", "online");
    r.put("health", "none");
    r.put("uptime_ms", 185_000L);
    r.put("restarts", 0);
    r.put("cpu_percent", cpu);
    r.put("memory_bytes", memory);
    r.put("ports", List.of("8080"));
    r.put("reach", List.of("8080"));
    r.put("limits", true);
    r.put("limits_enforced", false);
    r.put("enforcement", "no cgroup");
    r.put("last_exit", null);
    return r;
  }
}
