package dev.stack.cli;

import dev.stack.core.render.Ansi;
import dev.stack.core.diff.DiffJson;
import dev.stack.core.diff.DiffText;
import dev.stack.core.diff.Palette;
import dev.stack.core.diff.PlanDiff;
import dev.stack.core.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plan the agent sends for {@code up --dry-run} and {@code diff}, rendered by the diff engine. */
final class PlanText {

  private PlanText() {}

  @SuppressWarnings("unchecked")
  static PlanDiff of(Map<String, Object> result) {
    List<Plan.Action> actions = new ArrayList<>();
    for (Object o : (List<Object>) result.get("actions")) {
      Map<String, Object> a = (Map<String, Object>) o;
      actions.add(new Plan.Action(Plan.Kind.valueOf(String.valueOf(a.get("action")).toUpperCase(Locale.ROOT)),
          (String) a.get("instance"), (String) a.get("service"), ((Number) a.getOrDefault("index", 1)).intValue(),
          (String) a.get("from_backend"), (String) a.get("to_backend"), (List<String>) a.get("reasons")));
    }
    return new PlanDiff((String) result.get("stack"), (String) result.get("profile"), new Plan(actions));
  }

  static String render(Map<String, Object> result, Ansi ansi) {
    return new DiffText(false, ansi.enabled() ? Palette.ANSI : Palette.PLAIN).render(of(result));
  }

  static String render(Map<String, Object> result, boolean verbose, boolean json, Ansi ansi) {
    PlanDiff d = of(result);
    return json ? DiffJson.render(d) + "\n" : new DiffText(verbose, ansi.enabled() ? Palette.ANSI : Palette.PLAIN).render(d);
  }
}
