package dev.stack.agent.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import dev.stack.core.status.State;
import dev.stack.model.Condition;
import dev.stack.model.EnvValue;
import dev.stack.model.RestartPolicy;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackRunTest {

  @TempDir
  Path home;

  private final FakeBackend backend = new FakeBackend();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
    workers.shutdownNow();
  }

  private static final RestartPolicy FAST = new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 2,
      Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30), null);

  private static Service service(String name, Map<String, Condition> deps, String logLevel) {
    return service(name, "native", deps, logLevel);
  }

  private static Service service(String name, String backend, Map<String, Condition> deps, String logLevel) {
    Map<String, EnvValue> env = logLevel == null ? Map.of() : Map.of("LOG_LEVEL", EnvValue.plain(logLevel));
    return new Service(name, backend, List.of("run", name), List.of(), null, null, null, env, List.of(), List.of(),
        List.of(), deps, null, FAST, null, null, null, 1, null, null, true, null, null);
  }

  private Stack stack(Service... services) {
    Map<String, Service> m = new LinkedHashMap<>();
    for (Service s : services) {
      m.put(s.name(), s);
    }
    return new Stack("shop", home.resolve("stack.yaml"), "dev", "native", "127.0.0.1", m, List.of());
  }

  private final SpecFactory specs = new SpecFactory(Path.of("/tmp/run"), d -> Integer.toHexString(d.hashCode()));
  private final StackRequest request = new StackRequest("/tmp/stack.yaml", "stack.yaml", "dev", List.of(), Map.of());

  private StackRun run(Stack s) {
    return new StackRun(s, request, b -> backend, (id, st, t, buf, off, len, p) -> { }, timer, workers, r -> { });
  }

  private UpFailure up(StackRun run, Stack s) throws Exception {
    return run.up(s, request, Set.of(), specs, false, Duration.ofSeconds(5), events::add);
  }

  private List<String> statuses(String instance) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> e : events) {
      if (instance.equals(e.get("instance"))) {
        out.add((String) e.get("status"));
      }
    }
    return out;
  }

  @Test
  void aBackendTheStackLeftIsTornDownAndDownWithVolumesGivenItReachesItToo() throws Exception {
    FakeBackend docker = new FakeBackend("docker");
    Map<String, FakeBackend> byName = Map.of("native", backend, "docker", docker);
    StackRun run = new StackRun(stack(service("web", "docker", Map.of(), null)), request, byName::get,
        (id, st, t, buf, off, len, p) -> { }, timer, workers, r -> { });
    Stack prod = stack(service("web", "docker", Map.of(), null), service("db", "docker", Map.of(), null));
    assertNull(up(run, prod));
    Stack mixed = stack(service("web", "native", Map.of(), null), service("db", "docker", Map.of(), null));
    assertNull(up(run, mixed));
    assertEquals(List.of(), docker.teardowns, "db still runs on docker: its network stays");
    Stack dev = stack(service("web", "native", Map.of(), null), service("db", "native", Map.of(), null));
    assertNull(up(run, dev));
    assertEquals(List.of("db", "web"), docker.discarded.stream().sorted().toList());
    assertEquals(List.of("shop"), docker.teardowns, "no container left on docker: its network goes, volumes stay");
    assertEquals(List.of(), backend.teardowns);
    assertNull(up(run, dev));
    assertEquals(List.of("shop"), docker.teardowns, "an up that changes nothing tears nothing down");
    docker.volumes.add("shop_data");
    events.clear();
    assertEquals(List.of("volume shop_data"), run.down(true, List.of(backend, docker), events::add));
    assertEquals(List.of("shop", "shop --volumes"), docker.teardowns, "down --volumes removes the volumes prod made");
    assertEquals(List.of("shop --volumes"), backend.teardowns, "native is in use and also named: torn down once");
    assertEquals(List.of("removed"), statuses("shop"));
    assertEquals("volume shop_data", events.get(events.size() - 1).get("detail"));
  }

  @Test
  void aBackendLookedAtOnlyInCaseReportsItsFailureOnlyWhenVolumesWereAskedFor() throws Exception {
    FakeBackend docker = new FakeBackend("docker");
    docker.teardownError = new BackendException("cannot reach the Docker engine at unix:///var/run/docker.sock"
        + " (connection refused)", null, true);
    StackRun run = run(stack(service("web", Map.of(), null)));
    assertNull(up(run, run.stack()));
    events.clear();
    assertEquals(List.of(), run.down(false, List.of(backend, docker), events::add));
    assertEquals(List.of("shop"), docker.teardowns);
    assertEquals(List.of(), statuses("shop"), "nothing of the stack is known to be on docker: no failure shown");

    assertNull(up(run, run.stack()));
    events.clear();
    run.down(true, List.of(backend, docker), events::add);
    assertEquals(List.of("failed"), statuses("shop"));
    assertEquals("teardown on docker: cannot reach the Docker engine at unix:///var/run/docker.sock (connection refused)",
        events.get(events.size() - 1).get("detail"), "volumes were asked for: the user learns they could not be looked for");
  }

  @Test
  void upStartsDependenciesFirstAndAgainChangesNothing() throws Exception {
    Stack s = stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), "info"));
    StackRun run = run(s);
    assertNull(up(run, s));
    assertEquals(List.of("create", "starting", "online"), statuses("api"));
    assertTrue(backend.last("db").pid() < backend.last("api").pid(), "db started before api");
    events.clear();
    assertNull(up(run, s));
    assertEquals(List.of(), statuses("api"));
    assertEquals(1, backend.starts("api"));
  }

  @Test
  void changingOneServiceRecreatesOnlyThatOne() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of(), "info")));
    assertNull(up(run, run.stack()));
    assertNull(up(run, stack(service("db", Map.of(), null), service("api", Map.of(), "debug"))));
    assertEquals(1, backend.starts("db"));
    assertEquals(2, backend.starts("api"));
    assertTrue(statuses("api").contains("recreate"));
  }

  @Test
  void scalingDownRemovesTheExtraInstancesAndKeepsTheOthersRunning() throws Exception {
    Service three = replicated(service("api", Map.of(), null), 3);
    StackRun run = run(stack(three));
    assertNull(up(run, run.stack()));
    events.clear();
    assertNull(up(run, stack(replicated(three, 1))));
    assertEquals(List.of("remove", "stopping", "stopped", "removed"), statuses("api-2"));
    assertEquals(List.of(), statuses("api"), "kept as it runs");
    assertEquals(1, backend.starts("api"));
    assertEquals(List.of("api"), run.instances().stream().map(i -> i.id().displayName()).toList());
  }

  /** "instance status" of the events whose status is one of {@code kinds}, in order. */
  private List<String> sequence(String... kinds) {
    List<String> want = List.of(kinds);
    return events.stream().filter(e -> want.contains(e.get("status"))).map(e -> e.get("instance") + " " + e.get("status")).toList();
  }

  @Test
  void aRollingRestartTakesOneInstanceAtATimeDependenciesFirstEachReadyBeforeTheNextStops() throws Exception {
    // the file lists api before db: the order comes from depends_on
    StackRun run = run(stack(replicated(service("api", Map.of("db", Condition.STARTED), null), 3), service("db", Map.of(), null)));
    assertNull(up(run, run.stack()));
    events.clear();
    assertNull(run.start(List.of(), Duration.ofSeconds(5), events::add, true, true));
    assertEquals(List.of("db stopping", "db online", "api stopping", "api online", "api-2 stopping", "api-2 online",
        "api-3 stopping", "api-3 online"), sequence("stopping", "online"));
    assertEquals(2, backend.starts("api-3"));
    run.instances().forEach(i -> assertEquals(State.ONLINE, i.state(), i.id().displayName()));
  }

  @Test
  void aRollingRestartStopsAtTheFirstInstanceThatDoesNotComeBackAndTheRestKeepTheirRun() throws Exception {
    StackRun run = run(stack(replicated(service("api", Map.of(), null), 3)));
    assertNull(up(run, run.stack()));
    backend.behaviours.put("api", new FakeBackend.Behaviour(new BackendException("out of file descriptors", "raise ulimit -n", true),
        null));
    events.clear();
    UpFailure f = run.start(List.of("api"), Duration.ofSeconds(5), events::add, true, true);
    assertNotNull(f);
    assertEquals("api: could not start: out of file descriptors; the rolling restart stopped there: api-2, api-3 kept their"
        + " current run", f.instance() + ": " + f.reason());
    assertEquals("raise ulimit -n", f.toRequestException().hint());
    assertEquals(List.of("api stopping"), sequence("stopping"));
    assertEquals(State.ONLINE, run.get("api-2").state());
    assertEquals(State.ONLINE, run.get("api-3").state());
  }

  private static Service replicated(Service s, int replicas) {
    return new Service(s.name(), s.backend(), s.command(), s.entrypoint(), s.image(), s.build(), s.workdir(), s.env(),
        s.envFiles(), s.ports(), s.volumes(), s.dependsOn(), s.health(), s.restart(), s.stop(), s.resources(), s.logs(),
        replicas, s.user(), s.security(), s.init(), s.watch(), s.mark());
  }

  @Test
  void aCrashAfterAStableRunRestartsAtOnceAndCounts() throws Exception {
    StackRun run = run(stack(service("api", Map.of(), null)));
    assertNull(up(run, run.stack()));
    backend.last("api").exitWith(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.starts("api") == 2);
    InstanceSupervisor api = run.get("api");
    await().until(() -> api.state() == State.ONLINE);
    assertEquals(1, api.restarts());
    assertEquals("exit 1", api.lastExit().describe());
  }

  @Test
  void aProcessSeenExitingBeforeItsStartReturnedLastedZeroNotLess() throws Exception {
    backend.exitAtOnce.add("api");
    StackRun run = run(stack(service("api", Map.of(), null)));
    up(run, run.stack());
    InstanceSupervisor api = run.get("api");
    await().atMost(Duration.ofSeconds(5)).until(() -> !api.history().isEmpty());
    RestartRecord first = api.history().get(0);
    assertEquals("exit 3", first.exit(), first.toString());
    assertEquals(0, first.uptimeMillis(), first.toString());
  }

  @Test
  void aFailingStartFailsUpNamingTheServiceAndItsDependentIsNotStarted() throws Exception {
    backend.behaviours.put("db", new FakeBackend.Behaviour(
        new BackendException("port 5432 is in use", "stop what uses it", true), null));
    Stack s = stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null));
    StackRun run = run(s);
    UpFailure f = up(run, s);
    assertNotNull(f);
    assertEquals("db", f.instance());
    assertEquals("could not start: port 5432 is in use", f.reason());
    // the backend's hint is the error's hint (a start that failed left no logs to look at)
    assertEquals("stop what uses it", f.toRequestException().hint());
    assertEquals("could not start: port 5432 is in use (stop what uses it)", run.get("db").lastError()); // as ps and describe show it
    assertEquals(0, backend.started.stream().filter(r -> r.spec.id().service().equals("api")).count());
  }

  @Test
  void aServiceOverMaxMemoryIsRestartedWithTheReason() throws Exception {
    RestartPolicy capped = new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 2, Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ZERO, dev.stack.model.ByteSize.ofMegabytes(1));
    Service hungry = new Service("hungry", "native", List.of("run"), List.of(), null, null, null, Map.of(), List.of(),
        List.of(), List.of(), Map.of(), null, capped, null, null, null, 1, null, null, true, null, null);
    StackRun run = run(stack(hungry));
    assertNull(up(run, run.stack()));
    await().atMost(Duration.ofSeconds(10)).until(() -> backend.starts("hungry") >= 2);
    InstanceSupervisor s = run.get("hungry");
    await().until(() -> s.restarts() >= 1 && s.lastExit() != null);
    assertEquals("exit 143 (max_memory 1m exceeded: 10m)", s.lastExit().describe());
  }

  @Test
  void stopStopsAndDownForgets() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of(), null)));
    assertNull(up(run, run.stack()));
    run.stop(List.of("api"), events::add);
    assertEquals(State.STOPPED, run.get("api").state());
    assertEquals(State.ONLINE, run.get("db").state());
    assertTrue(backend.last("api").stopped);
    run.down(false, List.of(), events::add);
    assertTrue(run.instances().isEmpty());
    assertTrue(backend.last("db").stopped);
  }

  @Test
  void downStopsDependentsBeforeWhatTheyDependOn() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null),
        service("web", Map.of("api", Condition.STARTED), null), service("jobs", Map.of("db", Condition.STARTED), null),
        service("cron", Map.of(), null)));
    assertNull(up(run, run.stack()));
    backend.stopMillis = 50; // stops overlap unless one waits for another
    run.down(false, List.of(), events::add);
    List<String> order = backend.stops;
    assertTrue(order.indexOf("stopped web") < order.indexOf("stop api"), order.toString());
    assertTrue(order.indexOf("stopped api") < order.indexOf("stop db"), order.toString());
    assertTrue(order.indexOf("stopped jobs") < order.indexOf("stop db"), order.toString());
    assertTrue(order.indexOf("stop cron") < order.indexOf("stopped web"), "no dependency: at once " + order);
    assertTrue(order.indexOf("stop jobs") < order.indexOf("stopped web"), "jobs and web at once " + order);
    assertEquals(10, order.size(), order.toString());
  }

  @Test
  void startOfARunningServiceWhoseDependencyIsStoppedHasNothingToDo() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null)));
    assertNull(up(run, run.stack()));
    run.stop(List.of("db"), events::add);
    assertNull(run.start(List.of("api"), Duration.ofSeconds(5), events::add, false, false));
    assertEquals(State.ONLINE, run.get("api").state());
    assertEquals(1, backend.starts("api"));
    assertEquals(State.STOPPED, run.get("db").state());
  }

  @Test
  void restartOfAServiceWhoseDependencyIsStoppedIsRefusedAndLeavesItRunning() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null)));
    assertNull(up(run, run.stack()));
    run.stop(List.of("db"), events::add);
    events.clear();
    UpFailure f = run.start(List.of("api"), Duration.ofSeconds(5), events::add, true, false);
    assertNotNull(f);
    assertEquals("api: not restarted: it waits for db to be started, but db was stopped", f.instance() + ": " + f.reason());
    assertEquals("start db first ('stack start db'), or run 'stack up api', which starts what it depends on; api was left as"
        + " it was", f.toRequestException().hint());
    assertEquals(State.ONLINE, run.get("api").state());
    assertEquals(1, backend.starts("api"));
    assertTrue(statuses("api").isEmpty(), events.toString()); // not stopped, not started
    // restarting both works: db is started by the same command
    assertNull(run.start(List.of("db", "api"), Duration.ofSeconds(5), events::add, true, false));
    assertEquals(2, backend.starts("api"));
    assertEquals(State.ONLINE, run.get("db").state());
  }

  @Test
  void restartOfAServiceWithItsStoppedDependencyWaitsForTheDependencyHoweverLongItsPrepareTakes() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null)));
    assertNull(up(run, run.stack()));
    run.stop(List.of("db"), events::add);
    backend.prepareMillis.put("db", 300L); // api is ready to wait long before db is started
    assertNull(run.start(List.of("db", "api"), Duration.ofSeconds(5), events::add, true, false));
    assertEquals(State.ONLINE, run.get("db").state());
    assertEquals(State.ONLINE, run.get("api").state());
  }

  @Test
  void startOfAStoppedServiceWhoseDependencyIsStoppedSaysWhatToStartFirst() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null)));
    assertNull(up(run, run.stack()));
    run.stop(List.of(), events::add);
    UpFailure f = run.start(List.of("api"), Duration.ofSeconds(5), events::add, false, false);
    assertNotNull(f);
    assertEquals("not started: it waits for db to be started, but db was stopped", f.reason());
    assertEquals("start db first ('stack start db'), or run 'stack up api', which starts what it depends on",
        f.toRequestException().hint());
    assertEquals(State.STOPPED, run.get("api").state());
  }

  @Test
  void aFailedStopDoesNotHoldBackWhatItDependsOn() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of("db", Condition.STARTED), null)));
    assertNull(up(run, run.stack()));
    backend.stopErrors.put("api", new BackendException("stopping container shop-api-1 failed: engine busy", null, true));
    run.stop(List.of(), events::add);
    assertEquals(State.STOPPED, run.get("db").state());
    assertTrue(statuses("api").contains("failed"), events.toString());
  }

  @Test
  void downRemovesEveryInstanceEvenWhenOneStopAndAnotherRemovalFail() throws Exception {
    StackRun run = run(stack(service("db", Map.of(), null), service("api", Map.of(), null),
        service("web", Map.of(), null), service("jobs", Map.of(), null)));
    assertNull(up(run, run.stack()));
    backend.stopErrors.put("api", new BackendException("stopping container shop-api-1 failed: engine busy", null, true));
    backend.discardErrors.put("web", new BackendException("removing container shop-web-1 failed: in use", null, true));
    events.clear();
    run.down(false, List.of(), events::add);
    assertEquals(Set.of("db", "api", "jobs"), Set.copyOf(backend.discarded));
    assertTrue(run.instances().isEmpty());
    assertTrue(events.stream().anyMatch(e -> "api".equals(e.get("instance")) && "failed".equals(e.get("status"))
        && "stop: stopping container shop-api-1 failed: engine busy".equals(e.get("detail"))), events.toString());
    assertTrue(events.stream().anyMatch(e -> "web".equals(e.get("instance")) && "failed".equals(e.get("status"))
        && "remove: removing container shop-web-1 failed: in use".equals(e.get("detail"))), events.toString());
  }
}
