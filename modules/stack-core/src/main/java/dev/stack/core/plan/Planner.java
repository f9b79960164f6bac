package dev.stack.core.plan;

import dev.stack.core.plan.Plan.Action;
import dev.stack.core.plan.Plan.Kind;
import dev.stack.core.status.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Compares the desired instances with what runs and says what {@code up} must do. Pure: the
 * field-level reasons come from a function the caller gives (the canonical diff of definitions).
 */
public final class Planner {

  /** An instance the stack file asks for. */
  public record Desired(String instance, String service, int index, String backend, String specHash) {}

  /** An instance the agent knows. */
  public record Current(String instance, String service, int index, String backend, String specHash, State state) {}

  private Planner() {}

  /**
   * @param changedFields given a current and a desired instance with different hashes, the fields
   *     that differ ({@code image}, {@code env.X}); may return an empty list
   */
  public static Plan plan(List<Desired> desired, List<Current> current,
      BiFunction<Current, Desired, List<String>> changedFields) {
    Map<String, Current> now = new LinkedHashMap<>();
    for (Current c : current) {
      now.put(c.instance(), c);
    }
    List<Action> removals = new ArrayList<>();
    List<Action> rest = new ArrayList<>();
    for (Desired d : desired) {
      Current c = now.remove(d.instance());
      if (c == null) {
        rest.add(new Action(Kind.CREATE, d.instance(), d.service(), d.index(), null, d.backend(), List.of("new")));
      } else if (!Objects.equals(c.backend(), d.backend())) {
        rest.add(new Action(Kind.RECREATE, d.instance(), d.service(), d.index(), c.backend(), d.backend(),
            List.of("backend " + c.backend() + " => " + d.backend())));
      } else if (!Objects.equals(c.specHash(), d.specHash())) {
        List<String> fields = changedFields.apply(c, d);
        rest.add(new Action(Kind.RECREATE, d.instance(), d.service(), d.index(), c.backend(), d.backend(),
            fields.isEmpty() ? List.of("definition changed") : fields));
      } else if (c.state() == State.STOPPED || c.state() == State.EXITED || c.state() == State.ERRORED) {
        rest.add(new Action(Kind.START, d.instance(), d.service(), d.index(), c.backend(), d.backend(), List.of(c.state().word())));
      } else {
        rest.add(new Action(Kind.KEEP, d.instance(), d.service(), d.index(), c.backend(), d.backend(), List.of()));
      }
    }
    for (Current c : now.values()) {
      removals.add(new Action(Kind.REMOVE, c.instance(), c.service(), c.index(), c.backend(), null,
          List.of("not in the stack file")));
    }
    List<Action> all = new ArrayList<>(removals);
    all.addAll(rest);
    return new Plan(all);
  }
}
