package dev.stack.agent.supervisor;

import dev.stack.core.spi.BackendException;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.model.Condition;
import dev.stack.model.Service;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Brings instances up for {@code up}, {@code start} and {@code restart}, each on a worker of its
 * own: prepares it, waits for its dependencies, starts it, waits until it is ready, and tells the
 * CLI each step; then the first failure is what the operation answers.
 */
final class InstanceStarter {

  private InstanceStarter() {}

  /**
   * Waits for the instance's dependencies and starts it, if asked, then waits until it is ready.
   * An instance that runs already is not held to its dependencies' conditions (they are what its
   * start waits for): {@code start api} of a running api whose database was stopped has nothing to
   * do, as in Compose, rather than failing.
   */
  static UpFailure bringUp(StackRun run, InstanceSupervisor sup, boolean startIt, Instant deadline, StackRun.Events events) {
    Service service = sup.spec().service();
    try {
      if (startIt) {
        try {
          sup.backend().prepare(sup.spec(), line -> events.accept(StackRun.event(sup.id().displayName(), "preparing", line)));
        } catch (BackendException | RuntimeException e) {
          String hint = e instanceof BackendException b ? b.hint() : null;
          String why = e instanceof BackendException ? e.getMessage() : "preparing failed: " + e.getMessage();
          String told = hint == null ? why : why + " (" + hint + ")";
          sup.notStarted("could not start: " + told);
          events.accept(StackRun.event(sup.id().displayName(), "failed", told));
          return new UpFailure(sup.id().displayName(), why, List.of(), hint);
        }
      }
      if (startIt) {
        UpFailure notMet = awaitDependencies(run, sup, deadline, events);
        if (notMet != null) {
          return notMet;
        }
        events.accept(StackRun.event(sup.id().displayName(), "starting", null));
        if (!sup.start()) {
          events.accept(StackRun.event(sup.id().displayName(), "failed", sup.lastError()));
          return new UpFailure(sup.id().displayName(), sup.lastErrorReason(), sup.recentLines(), sup.lastErrorHint());
        }
      }
      Condition ready = service.health() != null ? Condition.HEALTHY : Condition.STARTED;
      String why = sup.await(ready, deadline);
      if (why != null) {
        events.accept(StackRun.event(sup.id().displayName(), "failed", why));
        return new UpFailure(sup.id().displayName(), why, sup.recentLines());
      }
      if (startIt) {
        State s = sup.state();
        HealthState h = sup.health();
        events.accept(StackRun.event(sup.id().displayName(), s == State.COMPLETED ? "completed"
            : s == State.RESTARTING ? "restarting" : h == HealthState.HEALTHY ? "healthy" : "online", sup.running()
                .map(r -> ("native".equals(service.backend()) ? "pid " : "container ") + r.displayId()).orElse(null)));
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new UpFailure(sup.id().displayName(), "interrupted", List.of());
    }
  }

  /** Waits until the dependencies of {@code sup} meet their conditions; why one did not, or null. */
  private static UpFailure awaitDependencies(StackRun run, InstanceSupervisor sup, Instant deadline, StackRun.Events events)
      throws InterruptedException {
    for (Map.Entry<String, Condition> dep : sup.spec().service().dependsOn().entrySet()) {
      for (InstanceSupervisor d : run.select(List.of(dep.getKey()))) {
        String why = d.await(dep.getValue(), deadline);
        if (why != null) {
          String reason = "not started: " + waitsFor(d, dep.getValue(), why);
          sup.notStarted(reason);
          events.accept(StackRun.event(sup.id().displayName(), "not started", d.id().displayName() + " " + why));
          return new UpFailure(sup.id().displayName(), reason, d.recentLines());
        }
      }
    }
    return null;
  }

  /**
   * For {@code start} and {@code restart}: the first instance to be started whose dependency, not
   * started by the same command, will not meet its condition by itself (stopped on purpose, exited,
   * errored); null when there is none. Checked before anything is stopped, so that {@code restart
   * api} with its database stopped leaves api running instead of stopping it for good.
   */
  static UpFailure blockedDependency(StackRun run, List<InstanceSupervisor> targets, boolean restart) {
    Set<String> starting = new HashSet<>();
    targets.forEach(t -> starting.add(t.id().service()));
    for (InstanceSupervisor sup : targets) {
      if (!restart && sup.state().active()) {
        continue; // start of a running instance has nothing to do
      }
      for (Map.Entry<String, Condition> dep : sup.spec().service().dependsOn().entrySet()) {
        if (starting.contains(dep.getKey())) {
          continue;
        }
        for (InstanceSupervisor d : run.select(List.of(dep.getKey()))) {
          String why = d.verdict(dep.getValue());
          if (why != null && !why.isEmpty()) {
            return new UpFailure(sup.id().displayName(), "not " + (restart ? "restarted" : "started") + ": "
                + waitsFor(d, dep.getValue(), why), List.of(),
                "start " + dep.getKey() + " first ('stack start " + dep.getKey() + "'), or run 'stack up "
                + sup.id().service() + "', which starts what it depends on" + (restart ? "; " + sup.id().displayName()
                + " was left as it was" : ""));
          }
        }
      }
    }
    return null;
  }

  /** {@code it waits for db to be healthy, but db was stopped}. */
  private static String waitsFor(InstanceSupervisor dependency, Condition condition, String why) {
    String name = dependency.id().displayName();
    return "it waits for " + name + " to be " + condition.word() + ", but " + name + " " + why;
  }

  /** Waits for every task; the first failure in plan order, or null. */
  static UpFailure firstFailure(Collection<CompletableFuture<UpFailure>> tasks) {
    UpFailure first = null;
    for (CompletableFuture<UpFailure> f : tasks) {
      UpFailure failure = f.join();
      if (first == null) {
        first = failure;
      }
    }
    return first;
  }
}
