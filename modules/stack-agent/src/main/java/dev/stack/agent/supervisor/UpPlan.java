package dev.stack.agent.supervisor;

import dev.stack.core.address.Addresses;
import dev.stack.core.diff.FieldDiff;
import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Planner;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.status.State;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan an {@code up} runs (or shows, with {@code --dry-run}): the instances a definition wants,
 * set against those a run has, and after a reboot with the instances stopped on purpose kept.
 */
final class UpPlan {

  private UpPlan() {}

  /**
   * The instances {@code desired} wants, by display name: of the services in {@code only} and what
   * they depend on, or of every service when it is empty.
   */
  static Map<String, InstanceSpec> desired(Stack desired, Set<String> only, SpecFactory specs, Map<String, String> env)
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

  /** The plan that brings the instances of {@code run} (those selected) to {@code wanted}. */
  static Plan plan(StackRun run, Stack desired, Set<String> only, Map<String, InstanceSpec> wanted) {
    return Planner.plan(wanted.values().stream()
            .map(s -> new Planner.Desired(s.id().displayName(), s.id().service(), s.id().index(), s.service().backend(), s.specHash()))
            .toList(),
        current(run, only.isEmpty() ? null : selection(desired, only)),
        FieldDiff.plannerReasons(c -> definition(run.get(c.instance())), d -> wanted.get(d.instance()).definition()));
  }

  private static Map<String, Object> definition(InstanceSupervisor s) {
    return s == null || s.spec().definition().isEmpty() ? null : s.spec().definition();
  }

  /** The answer of an {@code up --dry-run}: the plan's actions, and how many change something. */
  static Map<String, Object> answer(Plan plan, Stack stack, String profile) {
    List<Object> actions = new ArrayList<>();
    for (Plan.Action a : plan.actions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", a.kind().word());
      m.put("instance", a.instance());
      m.put("service", a.service());
      m.put("index", a.index());
      m.put("from_backend", a.fromBackend());
      m.put("to_backend", a.toBackend());
      m.put("reasons", a.reasons());
      actions.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stack", stack.name());
    result.put("profile", profile);
    result.put("changes", plan.changes());
    result.put("actions", actions);
    return result;
  }

  /** {@code up --build}: the instances of {@code reasons} (kept or started) are recreated, for those reasons. */
  static Plan recreate(Plan plan, Map<String, String> reasons) {
    List<Plan.Action> out = new ArrayList<>();
    for (Plan.Action a : plan.actions()) {
      String why = reasons.get(a.instance());
      out.add(why == null ? a : new Plan.Action(Plan.Kind.RECREATE, a.instance(), a.service(), a.index(),
          a.fromBackend(), a.toBackend(), List.of(why)));
    }
    return new Plan(out);
  }

  /** Resurrection: instances stopped on purpose before the reboot are kept, not started. */
  static Plan keepStopped(StackRun run, Plan plan) {
    List<Plan.Action> out = new ArrayList<>();
    for (Plan.Action a : plan.actions()) {
      InstanceSupervisor s = run.get(a.instance());
      if (a.kind() == Plan.Kind.START && s != null && s.state() == State.STOPPED) {
        out.add(new Plan.Action(Plan.Kind.KEEP, a.instance(), a.service(), a.index(), a.fromBackend(), a.toBackend(),
            List.of("stopped before the host restarted")));
      } else {
        out.add(a);
      }
    }
    return new Plan(out);
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

  private static List<Planner.Current> current(StackRun run, Set<String> selected) {
    List<Planner.Current> out = new ArrayList<>();
    for (InstanceSupervisor s : run.instances()) {
      if (selected == null || selected.contains(s.id().service())) {
        InstanceSpec spec = s.spec();
        out.add(new Planner.Current(s.id().displayName(), s.id().service(), s.id().index(),
            spec.service().backend(), spec.specHash(), s.state()));
      }
    }
    return out;
  }
}
