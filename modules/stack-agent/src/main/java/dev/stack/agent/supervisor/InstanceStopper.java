package dev.stack.agent.supervisor;

import dev.stack.core.spi.BackendException;
import dev.stack.core.status.State;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Stops and removes instances for {@code stop}, {@code restart}, the removals of an {@code up} and
 * {@code down}. A step that fails is told to the CLI as a {@code failed} event, not thrown: the
 * other instances still go.
 */
final class InstanceStopper {

  private InstanceStopper() {}

  /** Stops the instances in parallel and waits for all of them. */
  static void stopAll(Collection<InstanceSupervisor> targets, StackRun.Events events, ExecutorService workers) {
    CompletableFuture.allOf(targets.stream()
        .map(s -> CompletableFuture.runAsync(() -> stopQuietly(s, events), workers))
        .toArray(CompletableFuture[]::new)).join();
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
