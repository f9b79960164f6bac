package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.agent.daemon.RequestException;
import dev.stack.core.spi.BackendException;
import dev.stack.model.StackFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code down} through the supervisor, with a stack file on disk and fake backends: what a stack
 * left on a backend is reached by {@code down --volumes} whatever the agent still knows of it.
 */
class SupervisorTest {

  @TempDir
  Path dir;

  private final FakeBackend nativ = new FakeBackend("native");
  private final FakeBackend docker = new FakeBackend("docker");
  private final Map<String, FakeBackend> backends = Map.of("native", nativ, "docker", docker);
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private Supervisor supervisor;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        name: shop
        services:
          db:
            command: [sleep, "1000"]
            volumes: ["data:/data"]
        profiles:
          prod:
            defaults: {image: "stack-busybox:1"}
        """);
    supervisor = newSupervisor();
  }

  @AfterEach
  void tearDown() {
    supervisor.close();
  }

  private Supervisor newSupervisor() {
    return new Supervisor(dir.resolve("state"), dir.resolve("run"), backends::get, (id, st, t, buf, off, len, p) -> { });
  }

  private Map<String, Object> args(String... more) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("file", file.toString());
    args.put("source", "stack.yaml");
    for (int i = 0; i < more.length; i += 2) {
      args.put(more[i], "true".equals(more[i + 1]) ? (Object) Boolean.TRUE : more[i + 1]);
    }
    return args;
  }

  /** The detail of every "removed" line, as the CLI prints them. */
  private List<String> removed() {
    return events.stream().filter(e -> "removed".equals(e.get("status"))).map(e -> e.get("instance") + ": " + e.get("detail"))
        .toList();
  }

  @Test
  void downWithVolumesAfterADownReachesTheBackendThatHoldsThem() throws Exception {
    supervisor.up(args("profile", "prod"), events::add);
    docker.volumes.add("shop_data");
    assertEquals(Map.of("stack", "shop", "stopped", 1), supervisor.down(args(), events::add));
    assertEquals(List.of("shop"), docker.teardowns, "down removes the network and keeps the volume");
    assertEquals(List.of(), removed());

    assertEquals(Map.of("stack", "shop", "stopped", 0), supervisor.down(args("volumes", "true"), events::add));
    assertEquals(List.of("shop", "shop --volumes"), docker.teardowns);
    assertEquals(List.of("shop --volumes"), nativ.teardowns, "every backend of the stack's profiles is looked at");
    assertEquals(List.of("shop: volume shop_data"), removed());
    assertTrue(docker.volumes.isEmpty());

    assertEquals(Map.of("stack", "", "stopped", 0), supervisor.down(args("volumes", "true"), events::add),
        "nothing left anywhere: nothing to stop, as before");
  }

  @Test
  void aDownWhoseStepsFailedDoesAllItCanThenExitsNonZeroNamingThem() throws Exception {
    supervisor.up(args("profile", "prod"), events::add);
    docker.discardErrors.put("db", new BackendException("removing container shop-db-1 failed: engine busy", null, true));
    docker.teardownError = new BackendException("cannot reach the Docker engine (connection refused)", null, true);
    events.clear();
    RequestException e = assertThrows(RequestException.class, () -> supervisor.down(args(), events::add));
    assertEquals(1, e.exitCode());
    assertTrue(e.getMessage().startsWith("down did not finish: 2 steps failed (above)"), e.getMessage());
    assertEquals(List.of("db", "shop"), events.stream().filter(ev -> "failed".equals(ev.get("status")))
        .map(ev -> (String) ev.get("instance")).toList(), "both failures were shown");
    assertTrue(docker.last("db").stopped, "the instance was stopped all the same");
    assertEquals(List.of(), supervisor.ps(args()).get("instances"), "and forgotten: ps shows nothing of it");

    // nothing of the stack is known to be anywhere now: the engine's absence is no failure...
    assertEquals(Map.of("stack", "", "stopped", 0), supervisor.down(args(), events::add));
    // ...unless volumes were asked for: then the user learns they could not be looked for
    e = assertThrows(RequestException.class, () -> supervisor.down(args("volumes", "true"), events::add));
    assertTrue(e.getMessage().startsWith("down did not finish: 1 step failed (above)"), e.getMessage());
  }

  @Test
  void downWithVolumesAfterAnAgentRestartReachesTheBackendTheStackLeft() throws Exception {
    supervisor.up(args("profile", "prod"), events::add);
    docker.volumes.add("shop_data");
    supervisor.up(args("profile", "dev"), events::add);
    assertEquals(List.of("shop"), docker.teardowns, "the stack left docker: its network goes, its volume stays");

    supervisor.close();
    supervisor = newSupervisor();
    supervisor.recover();
    assertEquals(Map.of("stack", "shop", "stopped", 1), supervisor.down(args("volumes", "true"), events::add));
    assertEquals(List.of("shop", "shop --volumes"), docker.teardowns);
    assertEquals(List.of("shop: volume shop_data"), removed());
  }

  @Test
  void aStackRenamedInItsFileWhileItRanIsRecoveredUnderItsOwnName() throws Exception {
    supervisor.up(args(), events::add);
    long shop = nativ.last("db").pid();
    Files.writeString(file, Files.readString(file).replace("name: shop", "name: shop2"));
    supervisor.up(args(), events::add); // another stack, from the same file
    long shop2 = nativ.last("db").pid();

    supervisor.close();
    supervisor = newSupervisor();
    supervisor.recover();
    Map<String, Long> pids = new LinkedHashMap<>();
    for (Object o : (List<?>) supervisor.ps(args("all", "true")).get("instances")) {
      Map<?, ?> row = (Map<?, ?>) o;
      pids.put(row.get("stack") + "/" + row.get("instance"), ((Number) row.get("pid")).longValue());
    }
    assertEquals(Map.of("shop/db", shop, "shop2/db", shop2), pids);
  }

  @Test
  void upOfAFileWhoseStackWasRenamedWhileItRanSaysTheOtherRunsOn() throws Exception {
    supervisor.up(args(), events::add);
    assertEquals(List.of(), notes(), "one stack of the file: nothing to say");
    Files.writeString(file, Files.readString(file).replace("name: shop", "name: shop2"));
    supervisor.up(args(), events::add);
    assertEquals(List.of("stack shop runs from this file too, under the name it started with: 'stack down' stops"
        + " shop2, then a second 'stack down' stops shop"), notes());
    supervisor.up(args("source", "deploy/stack.yaml"), events::add); // the file as -f named it
    assertEquals(List.of("stack shop runs from this file too, under the name it started with: 'stack -f"
        + " deploy/stack.yaml down' stops shop2, then a second 'stack -f deploy/stack.yaml down' stops shop"), notes());
  }

  private List<Object> notes() {
    List<Object> notes = events.stream().filter(e -> "note".equals(e.get("event"))).map(e -> e.get("text")).toList();
    events.clear();
    return notes;
  }

  @Test
  void downOfAFileWhoseStackWasRenamedStopsTheStackItNamesThenTheOther() throws Exception {
    supervisor.up(args(), events::add);
    Files.writeString(file, Files.readString(file).replace("name: shop", "name: shop2"));
    supervisor.up(args(), events::add);
    supervisor.close();
    supervisor = newSupervisor();
    supervisor.recover(); // the runs come back in no particular order

    assertEquals(Map.of("stack", "shop2", "stopped", 1), supervisor.down(args(), events::add));
    assertEquals(Map.of("stack", "shop", "stopped", 1), supervisor.down(args(), events::add));
  }

  @Test
  void aMisspeltServiceIsRefusedWithTheOneMeant() throws Exception {
    Map<String, Object> up = args();
    up.put("services", List.of("dbb"));
    RequestException e = assertThrows(RequestException.class, () -> supervisor.up(up, events::add));
    assertEquals(List.of("no such service: dbb", "did you mean 'db'? services of shop: db", 2),
        List.of(e.getMessage(), e.hint(), e.exitCode()));
    supervisor.up(args(), events::add);
    Map<String, Object> describe = args();
    describe.put("service", "dbb");
    e = assertThrows(RequestException.class, () -> supervisor.describe(describe));
    assertEquals("did you mean 'db'? services of shop: db", e.hint());
  }

  @Test
  void downWithVolumesWithoutAProfileFindsAStackThatLoadsOnlyAsProd() throws Exception {
    Files.writeString(file, """
        name: shop
        services:
          db: {image: "stack-busybox:1", volumes: ["data:/data"]}
        """);
    supervisor.up(args("profile", "prod"), events::add);
    docker.volumes.add("shop_data");
    supervisor.down(args(), events::add);
    assertEquals(Map.of("stack", "shop", "stopped", 0), supervisor.down(args("volumes", "true"), events::add));
    assertEquals(List.of("shop: volume shop_data"), removed());
  }

  @Test
  void upWithoutAProfileOfAFileValidOnlyUnderAnotherSaysWhichToGive() throws Exception {
    Files.writeString(file, """
        name: shop
        services:
          db: {image: "stack-busybox:1"}
        """);
    StackFileException e = assertThrows(StackFileException.class, () -> supervisor.up(args(), events::add));
    assertEquals("""
        stack.yaml:3:3: error: services.db: a native service needs a command
          hint: add command: [prog, args...], or run it with backend: docker
        error: stack.yaml is invalid under profile dev (the default)
          hint: it is valid under prod: run 'stack up --profile prod'""", e.getMessage());
    // a profile given is what the user meant: its problems alone
    e = assertThrows(StackFileException.class, () -> supervisor.up(args("profile", "dev"), events::add));
    assertFalse(e.getMessage().contains("valid under"), e.getMessage());
    // invalid under every profile: nothing to suggest
    Files.writeString(file, "services: {db: {}}\n");
    e = assertThrows(StackFileException.class, () -> supervisor.up(args(), events::add));
    assertFalse(e.getMessage().contains("valid under"), e.getMessage());
  }

  @Test
  void haltForAShutdownStopsTheNativeServicesLeavesContainersToTheEngineAndKeepsTheSavedStates() throws Exception {
    Files.writeString(file, """
        name: shop
        services:
          db: {image: "stack-busybox:1", backend: docker}
          api: {command: [sleep, "1000"], depends_on: [db]}
          web: {command: [sleep, "1000"], depends_on: [api]}
        """);
    supervisor.up(args(), events::add);
    Path saved = dir.resolve("state/shop.json");
    org.awaitility.Awaitility.await().until(() -> Files.exists(saved) && Files.readString(saved).contains("\"api\""));
    events.clear();
    assertEquals(Map.of("stopped", 2), supervisor.halt(events::add));
    assertTrue(nativ.last("api").stopped && nativ.last("web").stopped);
    assertFalse(docker.last("db").stopped, "containers are the engine's to stop and bring back");
    List<String> stops = events.stream().filter(e -> "stopping".equals(e.get("status"))).map(e -> (String) e.get("instance")).toList();
    assertEquals(List.of("web", "api"), stops, "dependents first");
    supervisor.close();
    // what the next boot's resurrect reads: every instance as it ran, none stopped on purpose
    Map<String, Object> state = dev.stack.core.json.Json.parseObject(Files.readString(saved));
    for (Object i : (List<?>) state.get("instances")) {
      assertEquals("online", ((Map<?, ?>) i).get("state"), i.toString());
    }
    supervisor = newSupervisor();
  }

  @Test
  void aFileThatDoesNotLoadIsNothingToStopUnlessVolumesWereAskedFor() throws Exception {
    Files.writeString(file, "services: [not, a, map]\n");
    assertEquals(Map.of("stack", "", "stopped", 0), supervisor.down(args(), events::add));
    StackFileException e = assertThrows(StackFileException.class, () -> supervisor.down(args("volumes", "true"), events::add));
    assertTrue(e.getMessage().startsWith("stack.yaml:1:"), e.getMessage());
    assertEquals(List.of(), docker.teardowns);
  }

  @Test
  void aDownOfAStackWithNothingAnywhereIsNothingToStop() throws Exception {
    assertEquals(Map.of("stack", "", "stopped", 0), supervisor.down(args(), events::add));
    assertEquals(List.of("shop"), docker.teardowns, "an earlier run's network would be removed");
    assertEquals(List.of(), events);
  }

  @Test
  void aPlainDownOfAStackTheAgentRunsDoesNotReachBackendsItDoesNotUse() throws Exception {
    supervisor.up(args(), events::add);
    assertEquals(Map.of("stack", "shop", "stopped", 1), supervisor.down(args(), events::add));
    assertEquals(List.of("shop"), nativ.teardowns);
    assertEquals(List.of(), docker.teardowns);
  }
}
