package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost: a flood of output, output written while the agent is dead, and what a log
 * health check saw before the agent was replaced.
 */
class NativeLogsIT extends LiveStackTest {

  @Test
  void aFloodOfOutputIsStoredWholeOnceAndInOrder() throws Exception {
    int lines = 500_000;
    // seq writes in blocks, so lines arrive split across reads
    stackFile("""
        name: flood
        services:
          flood:
            command: [sh, -c, 'seq 1 N; echo done; exec sleep 1000']
        """.replace("N", Integer.toString(lines)));
    stack.ok("up");

    patiently().atMost(java.time.Duration.ofSeconds(120)).until(() ->
        stack.ok("logs", "--no-prefix", "-n", "1", "flood").out().equals("done\n"));

    assertNumbered(stack.ok("logs", "--no-prefix", "flood").out(), lines);
  }

  @Test
  void aServiceOutlivesTheAgentLosesNoLineAndIsReadopted() throws Exception {
    int lines = 200_000;
    stackFile("""
        name: gap
        services:
          writer:
            command: [sh, -c, 'while [ ! -e go ]; do sleep 0.05; done; i=0; while [ $$i -lt N ]; do i=$$((i + 1)); echo $$i; done; echo done; exec sleep 1000']
            restart: {backoff: 50ms}
        """.replace("N", Integer.toString(lines)));
    stack.ok("up");
    long service = pid(awaitRow("writer", r -> pid(r) > 0));
    long agent = stack.daemon().path("pid").asLong();
    assertTrue(agent > 0);

    ProcessHandle.of(agent).orElseThrow().destroyForcibly();
    java.nio.file.Files.createFile(stack.stackFile().resolveSibling("go")); // it writes into the gap
    // it execs sleep once all is written: still the shell means it still writes
    assertTrue(Procs.commandLine(service).startsWith("sh "), "still writing: " + Procs.commandLine(service));

    patiently().alias("the watchdog starts a new agent").until(() -> {
      long now = stack.daemon().path("pid").asLong(0);
      return now > 0 && now != agent;
    });
    assertEquals(service, pid(stack.instance("writer")), "the same process, re-adopted");
    assertTrue(Procs.alive(service));

    patiently().atMost(java.time.Duration.ofSeconds(120)).until(() ->
        stack.ok("logs", "--no-prefix", "-n", "1", "writer").out().equals("done\n"));
    assertNumbered(stack.ok("logs", "--no-prefix", "writer").out(), lines);

    ProcessHandle.of(service).orElseThrow().destroyForcibly();
    long restarted = pid(awaitRow("writer", r -> r.path("restarts").asInt() >= 1 && pid(r) > 0));
    assertNotEquals(service, restarted);
  }

  @Test
  void aServiceWhoseLogCheckPassedStaysHealthyUnderTheNextAgent() throws Exception {
    // the line its health check waits for comes once, at the start: a new agent will not see it
    stackFile("""
        name: ready
        services:
          web:
            command: [sh, -c, 'echo listening now; exec sleep 1000']
            health: {log: "listening"}
        """);
    stack.ok("up");
    assertEquals("healthy", stack.instance("web").path("health").asText());
    long agent = stack.daemon().path("pid").asLong();

    ProcessHandle.of(agent).orElseThrow().destroyForcibly();
    patiently().alias("the watchdog starts a new agent").until(() -> {
      long now = stack.daemon().path("pid").asLong(0);
      return now > 0 && now != agent;
    });
    // its probe runs every interval (5 s by default): past two of them it is still healthy
    patiently().during(java.time.Duration.ofSeconds(11)).atMost(java.time.Duration.ofSeconds(20)).until(() ->
        stack.instance("web").path("health").asText().equals("healthy"));
    assertEquals("healthy", stack.instance("web").path("status").asText());
  }

  /** Exactly the lines 1..count, then "done". */
  private static void assertNumbered(String output, int count) {
    List<String> lines = output.lines().toList();
    assertEquals(count + 1, lines.size(), "line count");
    for (int i = 0; i < count; i++) {
      if (!lines.get(i).equals(Integer.toString(i + 1))) {
        throw new AssertionError("line " + (i + 1) + " is \"" + lines.get(i) + "\"; around it: "
            + lines.subList(Math.max(0, i - 3), Math.min(lines.size(), i + 4)));
      }
    }
    assertEquals("done", lines.get(count));
  }
}
