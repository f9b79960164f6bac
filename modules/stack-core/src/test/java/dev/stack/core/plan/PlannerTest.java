package dev.stack.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.plan.Plan.Action;
import dev.stack.core.plan.Plan.Kind;
import dev.stack.core.plan.Planner.Current;
import dev.stack.core.plan.Planner.Desired;
import dev.stack.core.status.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

  @Test
  void sortsEveryInstanceIntoOneActionWithReasons() {
    List<Desired> desired = List.of(
        new Desired("db", "db", 1, "native", "h-db"),
        new Desired("api", "api", 1, "native", "h-api2"),
        new Desired("web", "web", 1, "docker", "h-web"),
        new Desired("job", "job", 1, "native", "h-job"),
        new Desired("new", "new", 1, "native", "h-new"),
        new Desired("done", "done", 1, "native", "h-done"));
    List<Current> current = List.of(
        new Current("db", "db", 1, "native", "h-db", State.ONLINE),
        new Current("api", "api", 1, "native", "h-api1", State.ONLINE),
        new Current("web", "web", 1, "native", "h-web", State.ONLINE),
        new Current("job", "job", 1, "native", "h-job", State.ERRORED),
        new Current("gone", "gone", 1, "native", "h-gone", State.ONLINE),
        new Current("done", "done", 1, "native", "h-done", State.COMPLETED));
    Plan plan = Planner.plan(desired, current, (c, d) -> List.of("env.LOG_LEVEL"));
    assertEquals(List.of(
        new Action(Kind.REMOVE, "gone", "gone", 1, "native", null, List.of("not in the stack file")),
        new Action(Kind.KEEP, "db", "db", 1, "native", "native", List.of()),
        new Action(Kind.RECREATE, "api", "api", 1, "native", "native", List.of("env.LOG_LEVEL")),
        new Action(Kind.RECREATE, "web", "web", 1, "native", "docker", List.of("backend native => docker")),
        new Action(Kind.START, "job", "job", 1, "native", "native", List.of("errored")),
        new Action(Kind.CREATE, "new", "new", 1, null, "native", List.of("new")),
        new Action(Kind.KEEP, "done", "done", 1, "native", "native", List.of())), plan.actions());
    assertTrue(plan.changes());
  }

  @Test
  void anUnchangedRunningStackPlansNothing() {
    Plan plan = Planner.plan(List.of(new Desired("a", "a", 1, "native", "h")),
        List.of(new Current("a", "a", 1, "native", "h", State.ONLINE)), (c, d) -> List.of());
    assertFalse(plan.changes());
  }
}
