package dev.stack.core.plan;

import java.util.List;

/**
 * What {@code up} will do, per instance, in order: removals first, then recreations, creations and
 * starts (the executor orders starts by dependencies).
 */
public record Plan(List<Action> actions) {

  public Plan {
    actions = List.copyOf(actions);
  }

  /** What happens to one instance. */
  public enum Kind {
    /** New: start it. */
    CREATE,
    /** Its definition or backend changed: stop the old one, start the new one. */
    RECREATE,
    /** Unchanged but not running (stopped, exited, errored): start it. */
    START,
    /** Unchanged and running (or a finished one-shot): leave it alone. */
    KEEP,
    /** No longer in the file: stop and forget it. */
    REMOVE;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One instance's action.
   *
   * @param kind what happens
   * @param instance the instance's display name ({@code api}, {@code api-2})
   * @param service the service's name
   * @param index the replica number
   * @param fromBackend the backend it runs on now, or null
   * @param toBackend the backend it will run on, or null when removed
   * @param reasons why, for users: fields that force a recreate ({@code image}, {@code env.LOG_LEVEL}),
   *     {@code backend native => docker}, {@code stopped}, {@code not in the stack file}
   */
  public record Action(Kind kind, String instance, String service, int index, String fromBackend, String toBackend,
      List<String> reasons) {

    public Action {
      reasons = List.copyOf(reasons);
    }
  }

  /** Whether running it would change anything. */
  public boolean changes() {
    return actions.stream().anyMatch(a -> a.kind() != Kind.KEEP);
  }
}
