package dev.stack.agent.supervisor;

import dev.stack.core.address.Addresses;
import dev.stack.core.plan.Plan;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.status.State;
import dev.stack.model.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The plan {@code up} would run for {@code desired}; with {@code build}, instances running an
   * older build than their context makes now are recreated (nothing is built to tell).
   */
  Plan plan(Stack desired, Set<String> only, SpecFactory specs, Map<String, String> env, boolean build)
      throws Addresses.UnresolvedReference, BackendException {
    Map<String, InstanceSpec> wanted = UpPlan.desired(desired, only, specs, env);
    Plan plan = UpPlan.plan(this, desired, only, wanted);
    return build ? UpPlan.recreate(plan, outdated(wanted, plan)) : plan;
  }

  /**
   * Brings the stack to {@code desired}: removes what is gone, recreates what changed, starts what
   * is new or not running, in dependency order and in parallel where the graph allows, then waits
   * until every selected instance is ready (healthy where it has a probe, running otherwise, or
   * completed for a one-shot).
   *
   * @param build {@code up --build}: what the selected services build is built first, before
   *     anything changes (a failed build leaves everything as it was), and an instance running an
   *     older build is recreated, as Compose's {@code up --build} does
   * @return null on success, else the failure
   */
  UpFailure up(Stack desired, StackRequest newRequest, Set<String> only, SpecFactory specs, boolean build,
      Duration waitTimeout, Events events) throws Addresses.UnresolvedReference, InterruptedException {
    synchronized (operation) {
      Map<String, InstanceSpec> wanted = UpPlan.desired(desired, only, specs, newRequest.env());
      Plan plan = UpPlan.plan(this, desired, only, wanted);
      if (build) {
        String building = null;
        try {
          for (InstanceSpec spec : firstOfEachService(wanted)) {
            building = spec.id().displayName();
            String instance = building;
            backends.apply(spec.service().backend()).build(spec, line -> events.accept(event(instance, "preparing", line)));
          }
          building = null;
          plan = UpPlan.recreate(plan, outdated(wanted, plan));
        } catch (BackendException e) {
          String instance = building != null ? building : "up --build";
          events.accept(event(instance, "failed", e.getMessage()));
          return new UpFailure(instance, e.getMessage(), List.of(), e.hint());
        }
      }
      Set<Backend> before = backendsInUse();
      if (rebooted && only.isEmpty()) {
        plan = UpPlan.keepStopped(this, plan);
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
              InstanceStopper.stopQuietly(old, events);
              InstanceStopper.discardQuietly(old, events);
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
        tasks.put(a.instance(),
            CompletableFuture.supplyAsync(() -> InstanceStarter.bringUp(this, sup, startIt, deadline, events), workers));
      }
      UpFailure first = InstanceStarter.firstFailure(tasks.values());
      onChange.accept(this);
      return first;
    }
  }

  private static List<InstanceSpec> firstOfEachService(Map<String, InstanceSpec> wanted) {
    Map<String, InstanceSpec> first = new LinkedHashMap<>();
    wanted.values().forEach(spec -> first.putIfAbsent(spec.id().service(), spec));
    return new ArrayList<>(first.values());
  }

  /** Why each instance the plan keeps or starts runs an older build than its definition makes now. */
  private Map<String, String> outdated(Map<String, InstanceSpec> wanted, Plan plan) throws BackendException {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Plan.Action a : plan.actions()) {
      InstanceSpec spec = wanted.get(a.instance());
      if (spec != null && (a.kind() == Plan.Kind.KEEP || a.kind() == Plan.Kind.START)) {
        Optional<String> why = backends.apply(spec.service().backend()).outdated(spec);
        if (why.isPresent()) {
          reasons.put(a.instance(), why.get());
        }
      }
    }
    return reasons;
  }

  /** Stops instances of the named services (all when empty), dependents first. */
  void stop(Collection<String> services, Events events) {
    synchronized (operation) {
      InstanceStopper.stopAll(select(services), events, workers);
      onChange.accept(this);
    }
  }

  /** Stops every instance on {@code backend} (dependents first); how many there were. */
  int stopOn(String backend, Events events) {
    synchronized (operation) {
      List<InstanceSupervisor> on = instances().stream().filter(i -> backend.equals(i.spec().service().backend())).toList();
      InstanceStopper.stopAll(on, events, workers);
      onChange.accept(this);
      return on.size();
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
          .map(s -> CompletableFuture.runAsync(() -> InstanceStopper.discardQuietly(s, events), workers))
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

  /**
   * {@code start} (the stopped instances of the named services, all when empty) and {@code
   * restart}, waiting for readiness. A rolling restart ({@code restart --rolling}, PM2's {@code
   * reload}) takes one instance at a time, dependencies first: stops it, starts it, waits until it
   * is ready (each within {@code waitTimeout}), then the next; the first that does not come back
   * ends it, and the instances after it keep their current run.
   */
  UpFailure start(Collection<String> services, Duration waitTimeout, Events events, boolean restart, boolean rolling) {
    synchronized (operation) {
      return start(select(services), waitTimeout, events, restart, rolling);
    }
  }

  /**
   * A file {@code service} watches changed ({@code why}: {@code src/app.js changed}): its
   * instances restart, as {@code restart} would, each noting why in its restart history; those
   * stopped on purpose stay stopped.
   */
  UpFailure restartChanged(String service, String why, Duration waitTimeout, Events events) {
    synchronized (operation) {
      List<InstanceSupervisor> targets = select(List.of(service)).stream().filter(s -> s.state() != State.STOPPED).toList();
      if (targets.isEmpty()) {
        return null;
      }
      targets.forEach(t -> t.restartedBecause(why, "restarted (watch)"));
      return start(targets, waitTimeout, events, true, false);
    }
  }

  private UpFailure start(List<InstanceSupervisor> targets, Duration waitTimeout, Events events, boolean restart,
      boolean rolling) {
    synchronized (operation) {
      UpFailure blocked = InstanceStarter.blockedDependency(this, targets, restart);
      if (blocked != null) {
        return blocked; // before anything is stopped: a restart that cannot start again stops nothing
      }
      if (restart && rolling) {
        targets = dependenciesFirst(targets);
        UpFailure failed = null;
        for (int i = 0; i < targets.size() && failed == null; i++) {
          InstanceSupervisor s = targets.get(i);
          InstanceStopper.stopQuietly(s, events);
          failed = InstanceStarter.bringUp(this, s, true, Instant.now().plus(waitTimeout), events);
          if (failed != null && i + 1 < targets.size()) {
            List<String> left = targets.subList(i + 1, targets.size()).stream().map(t -> t.id().displayName()).toList();
            failed = new UpFailure(failed.instance(), failed.reason() + "; the rolling restart stopped there: "
                + String.join(", ", left) + " kept " + (left.size() == 1 ? "its" : "their") + " current run", failed.lastLines(),
                failed.hint());
          }
        }
        onChange.accept(this);
        return failed;
      }
      if (restart) {
        InstanceStopper.stopAll(targets, events, workers);
      }
      List<InstanceSupervisor> starting = targets.stream().filter(s -> restart || !s.state().active()).toList();
      starting.forEach(InstanceSupervisor::pending); // a dependent started with it waits for it, not finding it stopped
      Instant deadline = Instant.now().plus(waitTimeout);
      List<CompletableFuture<UpFailure>> tasks = new ArrayList<>();
      for (InstanceSupervisor s : targets) {
        boolean startIt = starting.contains(s);
        tasks.add(CompletableFuture.supplyAsync(() -> InstanceStarter.bringUp(this, s, startIt, deadline, events), workers));
      }
      UpFailure first = InstanceStarter.firstFailure(tasks);
      onChange.accept(this);
      return first;
    }
  }

  /** {@code targets} with the instances of each service after those of the services it depends on. */
  private List<InstanceSupervisor> dependenciesFirst(List<InstanceSupervisor> targets) {
    Map<String, List<InstanceSupervisor>> byService = new LinkedHashMap<>();
    targets.forEach(t -> byService.computeIfAbsent(t.id().service(), k -> new ArrayList<>()).add(t));
    List<InstanceSupervisor> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    byService.keySet().forEach(service -> placeAfterDependencies(service, byService, placed, ordered));
    return ordered;
  }

  private void placeAfterDependencies(String service, Map<String, List<InstanceSupervisor>> byService, Set<String> placed,
      List<InstanceSupervisor> ordered) {
    if (!placed.add(service)) {
      return; // placed, or being placed (the file's validation refuses cycles)
    }
    for (String dep : byService.get(service).get(0).spec().service().dependsOn().keySet()) {
      if (byService.containsKey(dep)) {
        placeAfterDependencies(dep, byService, placed, ordered);
      }
    }
    ordered.addAll(byService.get(service));
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

  /** The instances of the named services (all when empty), in the run's order. */
  List<InstanceSupervisor> select(Collection<String> services) {
    List<InstanceSupervisor> out = new ArrayList<>();
    for (InstanceSupervisor s : instances()) {
      if (services.isEmpty() || services.contains(s.id().service())) {
        out.add(s);
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

  /** A progress event for the CLI: what happened to {@code instance}, with a detail when there is one. */
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
