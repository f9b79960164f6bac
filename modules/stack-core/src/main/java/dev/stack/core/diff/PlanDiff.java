package dev.stack.core.diff;

import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Plan.Kind;
import java.util.List;

/**
 * {@code stack diff [--profile P]} and {@code stack up --dry-run}: what {@code up} would do to
 * what runs now, per instance, with the fields that force each recreate.
 *
 * @param stack the stack's name
 * @param profile the profile the desired side was loaded for
 * @param plan desired against running, from {@link dev.stack.core.plan.Planner} (its recreate
 *     reasons from {@link FieldDiff#plannerReasons})
 */
public record PlanDiff(String stack, String profile, Plan plan) {

  /** The planner's reason when it could not name the fields. */
  private static final String DEFINITION_CHANGED = "definition changed";

  /** Whether {@code up} would change anything: {@code stack diff} exits 1 if so, 0 if not. */
  public boolean hasDifferences() {
    return plan.changes();
  }

  /** How many instances get this action. */
  public long count(Kind kind) {
    return plan.actions().stream().filter(a -> a.kind() == kind).count();
  }

  /** Whether the action moves the instance to another backend. */
  static boolean switchesBackend(Plan.Action a) {
    return a.kind() == Kind.RECREATE && a.fromBackend() != null && a.toBackend() != null
        && !a.fromBackend().equals(a.toBackend());
  }

  /**
   * The fields that force a recreate ({@code image}, {@code env.LOG_LEVEL}); empty when the action
   * is no recreate, moves to another backend, or the planner could not name the fields.
   */
  public static List<String> forcingFields(Plan.Action a) {
    if (a.kind() != Kind.RECREATE || switchesBackend(a) || a.reasons().equals(List.of(DEFINITION_CHANGED))) {
      return List.of();
    }
    return a.reasons();
  }

  /** {@code the native process} or {@code the container}, for "stop ..., start ...". */
  static String runs(String backend) {
    return "native".equals(backend) ? "native process" : backend + " container";
  }
}
