package dev.stack.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.agent.client.AgentClient;
import dev.stack.agent.client.AgentException;
import dev.stack.agent.client.AgentLaunch;
import dev.stack.agent.protocol.StackHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in this JVM, spoken to through the real client over a real socket. */
class AgentServerTest {

  @TempDir Path tmp;
  StackHome home;
  AgentServer server;

  @BeforeEach
  void start() throws IOException {
    home = new StackHome(tmp.resolve("h")).create();
    server = new AgentServer(home, "1.0");
    server.register("count", (req, events) -> {
      long n = (Long) req.args().get("n");
      for (long i = 1; i <= n; i++) {
        events.emit("progress", Map.of("i", i));
      }
      return Map.of("n", n, "cwd", req.cwd());
    });
    server.register("parallel", (req, events) -> {
      // like an `up`: many workers report at once, the handler returns once they are done
      List<Thread> workers = new ArrayList<>();
      for (long t = 0; t < 8; t++) {
        long worker = t;
        Thread w = new Thread(() -> {
          for (long i = 0; i < 50; i++) {
            events.emit("progress", Map.of("worker", worker, "i", i));
          }
        });
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return Map.of("done", true);
    });
    server.register("fail", (req, events) -> {
      throw new RequestException("services.api: port 8080 is taken", "stop what uses it", 1);
    });
    server.register("crash", (req, events) -> {
      throw new IllegalStateException("boom");
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AgentClient client(String version) throws AgentException {
    return AgentClient.connect(home, AgentLaunch.ofThisProcess().withVersion(version), false);
  }

  @Test
  void streamsEventsThenTheResult() throws Exception {
    List<Map<String, Object>> events = new ArrayList<>();
    try (AgentClient c = client("1.0")) {
      Map<String, Object> result = c.call("count", Map.of("n", 3), events::add);
      assertEquals(Map.of("n", 3L, "cwd", System.getProperty("user.dir")), result);
      assertEquals(List.of(Map.of("event", "progress", "i", 1L), Map.of("event", "progress", "i", 2L),
          Map.of("event", "progress", "i", 3L)), events);
      // the connection serves the next request too
      assertEquals(Map.of("n", 0L, "cwd", System.getProperty("user.dir")), c.call("count", Map.of("n", 0), null));
    }
  }

  @Test
  void eventsOfManyThreadsAllComeBeforeTheResultEachThreadsInOrder() throws Exception {
    List<Map<String, Object>> events = new ArrayList<>();
    try (AgentClient c = client("1.0")) {
      assertEquals(Map.of("done", true), c.call("parallel", Map.of(), events::add));
    }
    assertEquals(400, events.size());
    long[] next = new long[8];
    for (Map<String, Object> e : events) {
      int worker = ((Long) e.get("worker")).intValue();
      assertEquals(next[worker]++, e.get("i"), "events of worker " + worker + " in order");
    }
  }

  @Test
  void reportsFailuresWithMessageHintAndExitCode() throws Exception {
    try (AgentClient c = client("1.0")) {
      AgentException e = assertThrows(AgentException.class, () -> c.call("fail", Map.of(), null));
      assertEquals("services.api: port 8080 is taken", e.getMessage());
      assertEquals("stop what uses it", e.hint());
      assertEquals(1, e.exitCode());

      e = assertThrows(AgentException.class, () -> c.call("crash", Map.of(), null));
      assertEquals("the agent failed on 'crash': java.lang.IllegalStateException: boom", e.getMessage());
      assertEquals("see " + home.log(), e.hint());
      assertEquals("internal", e.reason());

      e = assertThrows(AgentException.class, () -> c.call("nope", Map.of(), null));
      assertEquals("unknown operation 'nope'", e.getMessage());
      assertEquals(2, e.exitCode());
    }
  }

  @Test
  void refusesRequestsOfAnotherVersionButAnswersPing() throws Exception {
    try (AgentClient c = client("2.0")) {
      AgentException e = assertThrows(AgentException.class, () -> c.call("count", Map.of("n", 1), null));
      assertEquals("the agent runs version 1.0, the CLI 2.0", e.getMessage());
      assertEquals("version-mismatch", e.reason());
      Map<String, Object> ping = c.call("ping", Map.of(), null);
      assertEquals("1.0", ping.get("version"));
      assertEquals(ProcessHandle.current().pid(), ping.get("pid"));
      assertTrue((Long) ping.get("rssBytes") > 0);
    }
  }

  @Test
  void aHomeTooDeepForAUnixSocketIsNamed() {
    StackHome deep = new StackHome(tmp.resolve("d".repeat(120)));
    AgentException e = assertThrows(AgentException.class,
        () -> AgentClient.connect(deep, AgentLaunch.ofThisProcess(), true));
    assertEquals("the agent's socket path " + deep.socket() + " is " + deep.socket().toString().length()
        + " bytes long; unix sockets allow 107", e.getMessage());
    assertEquals("set STACK_HOME to a shorter folder", e.hint());
  }

  @Test
  void actionsAfterBindRunOnceTheSocketAnswersAndBeforeStartReturns() throws Exception {
    StackHome other = new StackHome(tmp.resolve("b")).create();
    AgentServer second = new AgentServer(other, "1.0");
    List<String> seen = new ArrayList<>();
    second.afterBind(() -> {
      try {
        Map<String, Object> ping = AgentClient.status(other);
        seen.add(ping == null ? "no agent" : "answered " + ping.get("version"));
      } catch (AgentException e) {
        seen.add("refused: " + e.getMessage());
      }
    });
    second.afterBind(() -> seen.add("second action"));
    try {
      second.start();
      assertEquals(List.of("answered 1.0", "second action"), seen);
    } finally {
      second.close();
    }
  }

  @Test
  void theSocketIsForItsOwnerOnly() throws IOException {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.socket())));
  }

  @Test
  void shutdownStopsTheServerWithTheCodeTheWatchdogReads() throws Exception {
    try (AgentClient c = client("1.0")) {
      assertEquals(Map.of("pid", ProcessHandle.current().pid(), "upgrade", true),
          c.call("shutdown", Map.of("upgrade", true), null));
    }
    assertEquals(AgentMain.EXIT_UPGRADE, server.awaitStop());
    server.close();
    assertFalse(Files.exists(home.socket()));
    AgentException e = assertThrows(AgentException.class, () -> client("1.0"));
    assertEquals("the agent is not running", e.getMessage());
    assertEquals("not-running", e.reason());
  }
}
