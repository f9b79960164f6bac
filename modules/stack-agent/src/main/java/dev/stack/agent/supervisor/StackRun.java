package dev.stack.agent.supervisor;

import dev.stack.core.address.Addresses;
import dev.stack.core.diff.FieldDiff;
import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Planner;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.model.Condition;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stack the agent runs: its desired definition and its instances. {@code up}, {@code stop},
 * {@code start}, {@code restart} and {@code down} are serialised per stack (two {@code up} at once
 * on one stack give one consistent result: the second waits for the first).
 */
final class StackRun {

  private static final Logger LOG = LoggerFactory.getLogger(StackRun.class);

  /** Progress events for the CLI: one map per line. */
  interface Events extends Consumer<Map<String, Object>> {}

  private final Object operation = new Object();
  private final Map<String, InstanceSupervisor> instances = new LinkedHashMap<>();
  private final Function<String, Backend> backends;
  private final LogSink logs;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final Consumer<StackRun> onChange;
  private volatile Stack stack;
  private volatile StackRequest request;
  private volatile boolean rebooted;

  StackRun(Stack stack, StackRequest request, Function<String, Backend> backends, LogSink logs,
      ScheduledExecutorService timer, ExecutorService workers, Consumer<StackRun> onChange) {
    this.stack = stack;
    this.request = request;
    this.backends = backends;
    this.logs = logs;
    this.timer = timer;
    this.workers = workers;
    this.onChange = onChange;
  }

  String name() {
    return stack.name();
  }

  /**
   * Marks a stack recovered after a reboot: its next full {@code up} resurrects it as it was, so
   * instances stopped on purpose stay stopped.
   */
  void rebooted(boolean value) {
    this.rebooted = value;
  }

  boolean wasRebooted() {
    return rebooted;
  }

  Stack stack() {
    return stack;
  }

  StackRequest request() {
    return request;
  }

  synchronized List<InstanceSupervisor> instances() {
    return new ArrayList<>(instances.values());
  }

  /** The plan {@code up} would run for {@code desired}. */
  Plan plan(Stack desired, Set<String> only, SpecFactory specs, Map<String, String> env) throws Addresses.UnresolvedReference {
    return plan(desired, only, desired(desired, only, specs, env));
  }

  private Plan plan(Stack desired, Set<String> only, Map<String, InstanceSpec> wanted) {
    return Planner.plan(wanted.values().stream()
            .map(s -> new Planner.Desired(s.id().displayName(), s.id().service(), s.id().index(), s.service().backend(), s.specHash()))
            .toList(),
        current(only.isEmpty() ? null : selection(desired, only)),
        FieldDiff.plannerReasons(c -> definition(get(c.instance())), d -> wanted.get(d.instance()).definition()));
  }

  private static Map<String, Object> definition(InstanceSupervisor s) {
    return s == null || s.spec().definition().isEmpty() ? null : s.spec().definition();
  }

  /**
   * Brings the stack to {@code desired}: removes what is gone, recreates what changed, starts what
   * is new or not running, in dependency order and in parallel where the graph allows, then waits
   * until every selected instance is ready (healthy where it has a probe, running otherwise, or
   * completed for a one-shot).
   *
   * @return null on success, else the failure
   */
  UpFailure up(Stack desired, StackRequest newRequest, Set<String> only, SpecFactory specs, Duration waitTimeout,
      Events events) throws Addresses.UnresolvedReference, InterruptedException {
    synchronized (operation) {
      Map<String, InstanceSpec> wanted = desired(desired, only, specs, newRequest.env());
      Plan plan = plan(desired, only, wanted);
      Set<Backend> before = backendsInUse();
      if (rebooted && only.isEmpty()) {
        plan = keepStopped(plan);
      }
      rebooted = false;
      this.stack = desired;
      this.request = newRequest;
      for (Plan.Action a : plan.actions()) {
        if (a.kind() != Plan.Kind.KEEP) {
          events.accept(event(a.instance(), a.kind().word(), String.join(", ", a.reasons())));
        }
      }
      // Removals and the old side of recreations first, in parallel.
      List<CompletableFuture<Void>> stops = new ArrayList<>();
      for (Plan.Action a : plan.actions()) {
        if (a.kind() == Plan.Kind.REMOVE || a.kind() == Plan.Kind.RECREATE) {
          InstanceSupervisor old = get(a.instance());
          if (old != null) {
            stops.add(CompletableFuture.runAsync(() -> {
              stopQuietly(old, events);
              discardQuietly(old, events);
              if (a.kind() == Plan.Kind.REMOVE) {
                remove(a.instance());
                events.accept(event(a.instance(), "removed", null));
              }
            }, workers));
          }
        }
      }
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
      // New supervisors for creations and recreations; updated specs for the rest.
      for (Plan.Action a : plan.actions()) {
        InstanceSpec spec = wanted.get(a.instance());
        if (spec == null) {
          continue;
        }
        if (a.kind() == Plan.Kind.CREATE || a.kind() == Plan.Kind.RECREATE) {
          put(a.instance(), new InstanceSupervisor(spec.id(), spec, backends.apply(spec.service().backend()), logs,
              timer, this::changed));
        } else if (a.kind() == Plan.Kind.START) {
          get(a.instance()).update(spec);
        }
      }
      for (Plan.Action a : plan.actions()) {
        if (a.kind() == Plan.Kind.CREATE || a.kind() == Plan.Kind.RECREATE || a.kind() == Plan.Kind.START) {
          get(a.instance()).pending(); // dependents wait for it instead of finding it stopped
        }
      }
      // a backend the stack left (prod -> dev: no container is left) keeps nothing of it running:
      // its network goes, as `down` would remove it; volumes stay (data), for `down --volumes`
      before.removeAll(backendsInUse());
      before.forEach(b -> teardown(b, false, events, true));
      onChange.accept(this);
      Instant deadline = Instant.now().plus(waitTimeout);
      Map<String, CompletableFuture<UpFailure>> tasks = new LinkedHashMap<>();
      for (Plan.Action a : plan.actions()) {
        if (a.kind() == Plan.Kind.REMOVE) {
          continue;
        }
        InstanceSupervisor sup = get(a.instance());
        boolean startIt = a.kind() != Plan.Kind.KEEP;
        if (!startIt && sup.state() == State.STOPPED) {
          continue; // kept stopped on purpose (resurrection)
        }
        tasks.put(a.instance(), CompletableFuture.supplyAsync(() -> bringUp(sup, startIt, deadline, events), workers));
      }
      UpFailure first = firstFailure(tasks.values());
      onChange.accept(this);
      return first;
    }
  }

  /** Resurrection: instances stopped on purpose before the reboot are kept, not started. */
  private Plan keepStopped(Plan plan) {
    List<Plan.Action> out = new ArrayList<>();
    for (Plan.Action a : plan.actions()) {
      InstanceSupervisor s = get(a.instance());
      if (a.kind() == Plan.Kind.START && s != null && s.state() == State.STOPPED) {
        out.add(new Plan.Action(Plan.Kind.KEEP, a.instance(), a.service(), a.index(), a.fromBackend(), a.toBackend(),
            List.of("stopped before the host restarted")));
      } else {
        out.add(a);
      }
    }
    return new Plan(out);
  }

  /** Waits for the instance's dependencies, starts it if asked, and waits until it is ready. */
  private UpFailure bringUp(InstanceSupervisor sup, boolean startIt, Instant deadline, Events events) {
    Service service = sup.spec().service();
    try {
      if (startIt) {
        try {
          sup.backend().prepare(sup.spec(), line -> events.accept(event(sup.id().displayName(), "preparing", line)));
        } catch (BackendException | RuntimeException e) {
          String why = e instanceof BackendException b ? b.getMessage() + (b.hint() == null ? "" : " (" + b.hint() + ")")
              : "preparing failed: " + e.getMessage();
          sup.notStarted(why);
          events.accept(event(sup.id().displayName(), "failed", why));
          return new UpFailure(sup.id().displayName(), why, List.of());
        }
      }
      for (Map.Entry<String, Condition> dep : service.dependsOn().entrySet()) {
        for (InstanceSupervisor d : instancesOf(dep.getKey())) {
          String why = d.await(dep.getValue(), deadline);
          if (why != null) {
            String reason = "not started: it waits for " + d.id().displayName() + " to be " + dep.getValue().word()
                + ", but " + d.id().displayName() + " " + why;
            sup.notStarted(reason);
            events.accept(event(sup.id().displayName(), "not started", d.id().displayName() + " " + why));
            return new UpFailure(sup.id().displayName(), reason, d.recentLines());
          }
        }
      }
      if (startIt) {
        events.accept(event(sup.id().displayName(), "starting", null));
        if (!sup.start()) {
          events.accept(event(sup.id().displayName(), "failed", sup.lastError()));
          return new UpFailure(sup.id().displayName(), "could not start: " + sup.lastError(), sup.recentLines());
        }
      }
      Condition ready = service.health() != null ? Condition.HEALTHY : Condition.STARTED;
      String why = sup.await(ready, deadline);
      if (why != null) {
        events.accept(event(sup.id().displayName(), "failed", why));
        return new UpFailure(sup.id().displayName(), why, sup.recentLines());
      }
      if (startIt) {
        State s = sup.state();
        HealthState h = sup.health();
        events.accept(event(sup.id().displayName(), s == State.COMPLETED ? "completed"
            : s == State.RESTARTING ? "restarting" : h == HealthState.HEALTHY ? "healthy" : "online", sup.running()
                .map(r -> ("native".equals(service.backend()) ? "pid " : "container ") + r.displayId()).orElse(null)));
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new UpFailure(sup.id().displayName(), "interrupted", List.of());
    }
  }

  /** Stops instances of the named services (all when empty), dependents first. */
  void stop(Collection<String> services, Events events) {
    synchronized (operation) {
      stopAll(select(services), events);
      onChange.accept(this);
    }
  }

  /**
   * Stops everything, removes what the backends made (containers, the network; named volumes only
   * with {@code volumes}) and forgets the instances.
   *
   * @param elsewhere backends the stack may have left something on without an instance there now
   *     (volumes kept by an earlier {@code down} or by a switch of profile, before or since the
   *     agent restarted): torn down too. Nothing is known to be there, so a failure there (an
   *     engine that is not running) is reported only when {@code volumes} asked for it.
   * @return what the teardowns removed ({@code network stack-shop}, {@code volume shop_data})
   */
  List<String> down(boolean volumes, Collection<Backend> elsewhere, Events events) {
    synchronized (operation) {
      List<InstanceSupervisor> all = instances();
      stop(List.of(), events);
      Set<Backend> used = new LinkedHashSet<>();
      all.forEach(s -> used.add(s.backend()));
      // every removal is its own engine call, waited on the engine: all at once, as the stops; one
      // that fails is reported and the others still go
      CompletableFuture.allOf(all.stream()
          .map(s -> CompletableFuture.runAsync(() -> discardQuietly(s, events), workers))
          .toArray(CompletableFuture[]::new)).join();
      List<String> removed = new ArrayList<>();
      used.forEach(b -> removed.addAll(teardown(b, volumes, events, true)));
      elsewhere.stream().filter(b -> !used.contains(b))
          .forEach(b -> removed.addAll(teardown(b, volumes, events, volumes)));
      synchronized (this) {
        instances.clear();
      }
      onChange.accept(this);
      return removed;
    }
  }

  private List<String> teardown(Backend b, boolean volumes, Events events, boolean reportFailure) {
    try {
      List<String> removed = b.teardown(name(), volumes);
      removed.forEach(r -> events.accept(event(name(), "removed", r)));
      return removed;
    } catch (BackendException e) {
      if (reportFailure) {
        events.accept(event(name(), "failed", "teardown on " + b.name() + ": " + e.getMessage()));
      } else {
        LOG.info("teardown of {} on {}: {}", name(), b.name(), e.getMessage());
      }
      return List.of();
    }
  }

  private synchronized Set<Backend> backendsInUse() {
    Set<Backend> out = new LinkedHashSet<>();
    instances.values().forEach(s -> out.add(s.backend()));
    return out;
  }

  private static void discardQuietly(InstanceSupervisor s, Events events) {
    try {
      s.backend().discard(s.spec());
    } catch (BackendException | RuntimeException e) {
      events.accept(event(s.id().displayName(), "failed", "remove: " + e.getMessage()));
    }
  }

  /** Starts stopped instances of the named services (all when empty), waiting for readiness. */
  UpFailure start(Collection<String> services, Duration waitTimeout, Events events, boolean restart) {
    synchronized (operation) {
      List<InstanceSupervisor> targets = select(services);
      if (restart) {
        stopAll(targets, events);
      }
      Instant deadline = Instant.now().plus(waitTimeout);
      List<CompletableFuture<UpFailure>> tasks = new ArrayList<>();
      for (InstanceSupervisor s : targets) {
        boolean startIt = restart || !s.state().active();
        tasks.add(CompletableFuture.supplyAsync(() -> bringUp(s, startIt, deadline, events), workers));
      }
      UpFailure first = firstFailure(tasks);
      onChange.accept(this);
      return first;
    }
  }

  /** Unknown service names among {@code services}, for a clear error. */
  List<String> unknown(Collection<String> services) {
    List<String> bad = new ArrayList<>();
    for (String s : services) {
      if (!stack.services().containsKey(s)) {
        bad.add(s);
      }
    }
    return bad;
  }

  /** Stops the instances in parallel and waits for all of them. */
  private void stopAll(Collection<InstanceSupervisor> targets, Events events) {
    CompletableFuture.allOf(targets.stream()
        .map(s -> CompletableFuture.runAsync(() -> stopQuietly(s, events), workers))
        .toArray(CompletableFuture[]::new)).join();
  }

  /** Waits for every task; the first failure in plan order, or null. */
  private static UpFailure firstFailure(Collection<CompletableFuture<UpFailure>> tasks) {
    UpFailure first = null;
    for (CompletableFuture<UpFailure> f : tasks) {
      UpFailure failure = f.join();
      if (first == null) {
        first = failure;
      }
    }
    return first;
  }

  private void stopQuietly(InstanceSupervisor s, Events events) {
    if (!s.state().active() && s.state() != State.RESTARTING) {
      try {
        s.stop();
      } catch (BackendException e) {
        events.accept(event(s.id().displayName(), "failed", "stop: " + e.getMessage()));
      }
      return;
    }
    events.accept(event(s.id().displayName(), "stopping", null));
    try {
      s.stop();
      events.accept(event(s.id().displayName(), "stopped", s.lastExit() == null ? null : s.lastExit().describe()));
    } catch (BackendException e) {
      events.accept(event(s.id().displayName(), "failed", "stop: " + e.getMessage()));
    }
  }

  private List<InstanceSupervisor> select(Collection<String> services) {
    List<InstanceSupervisor> out = new ArrayList<>();
    for (InstanceSupervisor s : instances()) {
      if (services.isEmpty() || services.contains(s.id().service())) {
        out.add(s);
      }
    }
    return out;
  }

  private List<InstanceSupervisor> instancesOf(String service) {
    List<InstanceSupervisor> out = new ArrayList<>();
    for (InstanceSupervisor s : instances()) {
      if (s.id().service().equals(service)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The named services and everything they depend on, transitively. */
  static Set<String> selection(Stack stack, Set<String> only) {
    Set<String> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(only);
    while (!todo.isEmpty()) {
      String s = todo.poll();
      Service svc = stack.services().get(s);
      if (svc != null && out.add(s)) {
        todo.addAll(svc.dependsOn().keySet());
      }
    }
    return out;
  }

  private Map<String, InstanceSpec> desired(Stack desired, Set<String> only, SpecFactory specs, Map<String, String> env)
      throws Addresses.UnresolvedReference {
    Set<String> selected = only.isEmpty() ? null : selection(desired, only);
    Map<String, InstanceSpec> out = new LinkedHashMap<>();
    for (Service s : desired.services().values()) {
      if (selected != null && !selected.contains(s.name())) {
        continue;
      }
      for (int i = 1; i <= s.replicas(); i++) {
        InstanceSpec spec = specs.create(desired, s, i, env);
        out.put(spec.id().displayName(), spec);
      }
    }
    return out;
  }

  private List<Planner.Current> current(Set<String> selected) {
    List<Planner.Current> out = new ArrayList<>();
    for (InstanceSupervisor s : instances()) {
      if (selected == null || selected.contains(s.id().service())) {
        InstanceSpec spec = s.spec();
        out.add(new Planner.Current(s.id().displayName(), s.id().service(), s.id().index(),
            spec.service().backend(), spec.specHash(), s.state()));
      }
    }
    return out;
  }

  synchronized InstanceSupervisor get(String instance) {
    return instances.get(instance);
  }

  synchronized void put(String instance, InstanceSupervisor s) {
    instances.put(instance, s);
  }

  private synchronized void remove(String instance) {
    instances.remove(instance);
  }

  private void changed(InstanceSupervisor s) {
    onChange.accept(this);
  }

  static Map<String, Object> event(String instance, String status, String detail) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", "progress");
    e.put("instance", instance);
    e.put("status", status);
    if (detail != null && !detail.isEmpty()) {
      e.put("detail", detail);
    }
    return e;
  }
}
