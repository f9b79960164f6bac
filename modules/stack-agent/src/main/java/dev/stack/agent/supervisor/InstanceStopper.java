package dev.stack.agent.supervisor;

import dev.stack.core.spi.BackendException;
import dev.stack.core.status.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Stops and removes instances for {@code stop}, {@code restart}, the removals of an {@code up} and
 * {@code down}. A step that fails is told to the CLI as a {@code failed} event, not thrown: the
 * other instances still go.
 */
final class InstanceStopper {

  private InstanceStopper() {}

  /**
   * Stops the instances dependents first, as Compose does, and waits for all of them: a service's
   * instances are stopped once every target of a service that depends on it has stopped (a web
   * server still has its database while it finishes its requests); services no target depends on
   * go at once, all in parallel. A failed stop does not hold the services it depends on back.
   */
  static void stopAll(Collection<InstanceSupervisor> targets, StackRun.Events events, ExecutorService workers) {
    Map<String, List<InstanceSupervisor>> byService = new LinkedHashMap<>();
    for (InstanceSupervisor s : targets) {
      byService.computeIfAbsent(s.id().service(), k -> new ArrayList<>()).add(s);
    }
    Map<String, CompletableFuture<Void>> stopped = new HashMap<>();
    for (String service : byService.keySet()) {
      afterDependents(service, byService, stopped, new HashSet<>(), events, workers);
    }
    CompletableFuture.allOf(stopped.values().toArray(CompletableFuture[]::new)).join();
  }

  /**
   * When {@code service}'s instances are stopped: after its dependents among the targets.
   * {@code path}, the services whose stop waits for this one: an edge back to one of them (a cycle,
   * which a stack file cannot have but instances of two definitions might) is not waited for.
   */
  private static CompletableFuture<Void> afterDependents(String service, Map<String, List<InstanceSupervisor>> byService,
      Map<String, CompletableFuture<Void>> stopped, Set<String> path, StackRun.Events events, ExecutorService workers) {
    CompletableFuture<Void> known = stopped.get(service);
    if (known != null) {
      return known;
    }
    path.add(service);
    List<CompletableFuture<Void>> dependents = new ArrayList<>();
    for (Map.Entry<String, List<InstanceSupervisor>> e : byService.entrySet()) {
      if (!path.contains(e.getKey()) && dependsOn(e.getValue(), service)) {
        dependents.add(afterDependents(e.getKey(), byService, stopped, path, events, workers));
      }
    }
    path.remove(service);
    CompletableFuture<Void> done = CompletableFuture.allOf(dependents.toArray(CompletableFuture[]::new))
        .exceptionally(failed -> null)
        .thenCompose(v -> CompletableFuture.allOf(byService.get(service).stream()
            .map(s -> CompletableFuture.runAsync(() -> stopQuietly(s, events), workers))
            .toArray(CompletableFuture[]::new)));
    stopped.put(service, done);
    return done;
  }

  private static boolean dependsOn(List<InstanceSupervisor> instances, String service) {
    for (InstanceSupervisor s : instances) {
      if (s.spec().service().dependsOn().containsKey(service)) {
        return true;
      }
    }
    return false;
  }

  static void stopQuietly(InstanceSupervisor s, StackRun.Events events) {
    if (!s.state().active() && s.state() != State.RESTARTING) {
      try {
        s.stop();
      } catch (BackendException e) {
        events.accept(StackRun.event(s.id().displayName(), "failed", "stop: " + e.getMessage()));
      }
      return;
    }
    events.accept(StackRun.event(s.id().displayName(), "stopping", null));
    try {
      s.stop();
      events.accept(StackRun.event(s.id().displayName(), "stopped", s.lastExit() == null ? null : s.lastExit().describe()));
    } catch (BackendException e) {
      events.accept(StackRun.event(s.id().displayName(), "failed", "stop: " + e.getMessage()));
    }
  }

  static void discardQuietly(InstanceSupervisor s, StackRun.Events events) {
    try {
      s.backend().discard(s.spec());
    } catch (BackendException | RuntimeException e) {
      events.accept(StackRun.event(s.id().displayName(), "failed", "remove: " + e.getMessage()));
    }
  }
}
