package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Restarts, crash loops, stopping whole process trees, concurrent and repeated {@code up}. */
class NativeSupervisionIT extends LiveStackTest {

  @Test
  void aCrashedServiceIsRestartedWithANewPid() throws Exception {
    stackFile("""
        name: crash
        services:
          crasher:
            command: [sh, -c, 'echo started; sleep 2; exit 3']
            restart: {backoff: 50ms, max_backoff: 400ms}
        """);
    stack.ok("up");
    long first = pid(awaitRow("crasher", r -> pid(r) > 0));

    JsonNode row = awaitRow("crasher", r -> r.path("restarts").asInt() >= 1 && pid(r) > 0 && pid(r) != first);
    assertEquals("exit 3", row.path("last_exit").asText(), row.toString());
  }

  @Test
  void aCrashLoopBacksOffDoublingThenIsErrored() throws Exception {
    stackFile("""
        name: loop
        services:
          looper:
            command: [sh, -c, 'echo started; exit 1']
            restart: {max_restarts: 3, backoff: 300ms, max_backoff: 2400ms, min_uptime: 1s}
        """);
    stack.run("up"); // may report the failure; what counts is what ps and logs say after

    JsonNode row = awaitRow("looper", r -> r.path("state").asText().equals("errored"));
    assertEquals("errored", row.path("status").asText(), row.toString());
    assertEquals("exit 1", row.path("last_exit").asText(), row.toString());

    List<Instant> starts = new ArrayList<>();
    for (String line : stack.ok("logs", "--json", "looper").out().split("\n")) {
      JsonNode record = StackCli.json(line);
      if (record.path("message").asText().equals("started")) {
        starts.add(Instant.parse(record.path("time").asText()));
      }
    }
    assertEquals(4, starts.size(), "the first start and 3 restarts: " + starts);
    long[] gaps = new long[3];
    for (int i = 0; i < 3; i++) {
      gaps[i] = starts.get(i + 1).toEpochMilli() - starts.get(i).toEpochMilli();
    }
    String seen = "gaps " + gaps[0] + ", " + gaps[1] + ", " + gaps[2] + " ms";
    // backoff 300, 600, 1200 ms (a start costs a few hundred ms more on a busy machine): each gap
    // at least its backoff, and each longer than the one before
    assertTrue(gaps[0] >= 300 && gaps[1] >= 600 && gaps[2] >= 1200, seen);
    assertTrue(gaps[0] < gaps[1] && gaps[1] < gaps[2], seen);
  }

  @Test
  void stopLeavesNoProcessOfTheTreeEvenOnesThatIgnoreTermOrLeftTheSession() throws Exception {
    stackFile("""
        name: tree
        services:
          tree:
            command:
              - sh
              - -c
              - |
                trap '' TERM
                sh -c 'trap "" TERM; sleep 1000 & wait' &
                setsid sh -c 'trap "" TERM; sleep 1000 & wait' &
                echo ready
                wait
            stop: {timeout: 1s}
        """);
    stack.ok("up");
    long root = pid(awaitRow("tree", r -> pid(r) > 0));
    List<Long> tree = new ArrayList<>();
    patiently().until(() -> {
      tree.clear();
      tree.addAll(Procs.descendants(root));
      return tree.size() >= 4; // two shells, two sleeps
    });
    tree.add(root);

    stack.ok("stop", "tree");

    patiently().atMost(java.time.Duration.ofSeconds(10)).alias("tree gone: " + tree)
        .until(() -> tree.stream().noneMatch(Procs::alive));
    assertEquals("stopped", stack.instance("tree").path("state").asText());
  }

  @Test
  void twoUpsAtOnceStartEachServiceOnce() throws Exception {
    String marker = "m-" + UUID.randomUUID();
    stackFile("""
        name: twice
        services:
          a:
            command: [sh, -c, 'while :; do sleep 1; done', MARK-a]
          b:
            command: [sh, -c, 'while :; do sleep 1; done', MARK-b]
        """.replace("MARK", marker));

    Process first = stack.start("up");
    Process second = stack.start("up");
    StackCli.Result one = stack.resultOf(first);
    StackCli.Result two = stack.resultOf(second);
    assertEquals(0, one.code(), one.toString());
    assertEquals(0, two.code(), two.toString());

    for (String service : List.of("a", "b")) {
      List<Long> running = Procs.withArgument(marker + "-" + service);
      assertEquals(1, running.size(), service + ": " + running);
      assertEquals(running.get(0), pid(stack.instance(service)), service);
    }
    assertEquals(2, stack.instances().size());
  }

  @Test
  void anUpWhoseCliWentAwayStillStartsWhatWaitedForAHealthCheck() throws Exception {
    stackFile("""
        name: left
        services:
          slow:
            command: [sh, -c, 'while [ ! -f go ]; do sleep 0.1; done; echo ready; exec sleep 300']
            health: {log: ready}
          dep:
            command: [sleep, "300"]
            depends_on: {slow: healthy}
        """);
    Process up = stack.start("up");
    awaitRow("slow", r -> pid(r) > 0); // started; up waits for it to be healthy before dep
    up.destroy(); // the CLI ends (as on Ctrl-C) and its socket closes
    assertNotEquals(0, stack.resultOf(up).code());

    Files.writeString(stack.stackFile().resolveSibling("go"), "");
    JsonNode dep = awaitRow("dep", r -> "online".equals(r.path("state").asText()));
    assertTrue(Procs.alive(pid(dep)), dep.toString());
    assertEquals("healthy", stack.instance("slow").path("status").asText());
  }

  @Test
  void upTwiceChangesNothingAndAnEditRecreatesOnlyTheEditedService() throws Exception {
    String file = """
        name: edit
        services:
          a:
            command: [sh, -c, 'while :; do sleep 1; done']
            env: {X: "1"}
          b:
            command: [sh, -c, 'while :; do sleep 1; done']
            env: {X: "1"}
        """;
    stackFile(file);
    stack.ok("up");
    long a = pid(stack.instance("a"));
    long b = pid(stack.instance("b"));
    assertTrue(a > 0 && b > 0);

    stack.ok("up");
    assertEquals(a, pid(stack.instance("a")));
    assertEquals(b, pid(stack.instance("b")));

    stackFile(file.replaceFirst("X: \"1\"", "X: \"2\""));
    StackCli.Result up = stack.ok("up");
    assertTrue((up.out() + up.err()).contains("env.X"), up.toString());
    long newA = pid(awaitRow("a", r -> pid(r) > 0));
    assertNotEquals(a, newA);
    assertEquals(b, pid(stack.instance("b")));

    StackCli.Result diff = stack.run("diff");
    assertEquals(0, diff.code(), diff.toString());
  }

  @Test
  void aRollingRestartReplacesOneReplicaAtATimeEachHealthyBeforeTheNextStops() throws Exception {
    stackFile("""
        name: rolling
        services:
          web:
            command: [sh, -c, 'echo ready; exec sleep 1000']
            replicas: 3
            health: {log: ready, interval: 100ms}
        """);
    stack.ok("up");
    List<Long> before = List.of(pid(stack.instance("web")), pid(stack.instance("web-2")), pid(stack.instance("web-3")));
    StackCli.Result r = stack.ok("restart", "--rolling", "web");
    List<String> steps = new ArrayList<>();
    for (String line : r.err().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && (f[1].equals("stopping") || f[1].equals("healthy"))) {
        steps.add(f[0] + " " + f[1]);
      }
    }
    assertEquals(List.of("web stopping", "web healthy", "web-2 stopping", "web-2 healthy", "web-3 stopping", "web-3 healthy"),
        steps, r.toString());
    for (int i = 0; i < 3; i++) {
      String name = i == 0 ? "web" : "web-" + (i + 1);
      long now = pid(stack.instance(name));
      assertTrue(now > 0 && now != before.get(i), name + ": " + before.get(i) + " -> " + now);
    }
  }

  @Test
  void aWatchedServiceRestartsOnASavedChangeAndRunsTheNewCodeOneStoppedOnPurposeStaysStopped() throws Exception {
    Path app = stack.stackFile().getParent();
    Files.createDirectories(app.resolve("src"));
    Files.writeString(app.resolve("src/msg"), "v1");
    stackFile("""
        name: watched
        services:
          web:
            command: [sh, -c, 'echo "serving $$(cat src/msg)"; exec sleep 1000']
            watch: {paths: [src], delay: 100ms}
          other:
            command: [sleep, "1000"]
        """);
    StackCli.Result up = stack.ok("up");
    assertTrue(up.err().matches("(?s).*web\\s+watching\\s+\\./src \\(1 folder\\).*"), up.toString());
    long before = pid(stack.instance("web"));
    long other = pid(stack.instance("other"));

    Files.writeString(app.resolve("src/msg"), "v2");
    awaitRow("web", r -> pid(r) > 0 && pid(r) != before && r.path("status").asText().equals("online"));
    patiently().until(() -> stack.ok("logs", "--no-prefix", "web").out().equals("serving v1\nserving v2\n"));
    assertEquals(other, pid(stack.instance("other")), "a service that watches nothing runs on");
    String describe = stack.ok("describe", "web").out();
    assertTrue(describe.matches("(?s).*restart history:\\n\\s+\\S+\\s+src/msg changed after \\S+ -> restarted \\(watch\\).*"),
        describe);
    assertFalse(stack.ok("up").err().contains("watching"), "an unchanged watch is not told again");

    stack.ok("stop", "web");
    Files.writeString(app.resolve("src/msg"), "v3");
    Thread.sleep(1500); // 15 times the delay
    assertEquals("stopped", stack.instance("web").path("status").asText());
    assertFalse(stack.ok("logs", "--no-prefix", "web").out().contains("v3"));
  }

  @Test
  void aStackWhoseServicesHaveNoReplicasIsUpWithNoInstancesAndPsSaysSo() throws Exception {
    stackFile("""
        name: empty
        services:
          debugger:
            command: [sleep, "1000"]
            replicas: 0
        """);
    StackCli.Result up = stack.ok("up");
    assertTrue(up.err().endsWith("stack empty is up (0 instances, profile dev)\n"), up.toString());
    assertEquals("the stack of " + stack.stackFile() + " is up with no instances (its services have replicas: 0)\n",
        stack.ok("ps").out());
    up = stack.ok("up", "--set", "services.debugger.replicas=1");
    assertTrue(up.err().endsWith("stack empty is up (1 instance, profile dev)\n"), up.toString());
    stack.ok("down");
    assertEquals("the stack of " + stack.stackFile() + " is not running (start it with 'stack up')\n", stack.ok("ps").out());
  }
}
