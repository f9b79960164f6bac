package dev.stack.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Plan.Action;
import dev.stack.core.plan.Plan.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanDiffTest {

  private static Action keep(String name, String backend) {
    return new Action(Kind.KEEP, name, name, 1, backend, backend, List.of());
  }

  @Test
  void nothingToDoSaysSoAndListsKeptInstancesOnlyWhenVerbose() {
    PlanDiff d = new PlanDiff("shop", "prod", new Plan(List.of(keep("db", "docker"), keep("api", "docker"))));

    assertFalse(d.hasDifferences());
    assertEquals("""
        Plan for stack shop, profile prod:

        No changes: 2 instances running as the stack file says.
        """, DiffText.PLAIN.render(d));
    assertEquals("""
        Plan for stack shop, profile prod:

            keep     db (docker)
            keep     api (docker)

        No changes: 2 instances running as the stack file says.
        """, new DiffText(true, Palette.PLAIN).render(d));
    assertEquals(Map.of("create", 0L, "recreate", 0L, "start", 0L, "keep", 2L, "remove", 0L),
        DiffJson.tree(d).get("summary"));
  }

  @Test
  void aRecreateWhoseFieldsAreUnknownSaysTheDefinitionChanged() {
    Action a = new Action(Kind.RECREATE, "api-2", "api", 2, "docker", "docker", List.of("definition changed"));
    PlanDiff d = new PlanDiff("shop", "prod", new Plan(List.of(a, keep("db", "docker"))));

    assertEquals("""
        Plan for stack shop, profile prod:

        +/- recreate api-2 (docker): definition changed

        Plan: 1 to recreate, 1 unchanged.
        """, DiffText.PLAIN.render(d));
    assertEquals(List.of(), PlanDiff.forcingFields(a));
  }

  @Test
  void aMoveToNativeStopsTheContainerAndStartsAProcess() {
    Action a = new Action(Kind.RECREATE, "api", "api", 1, "docker", "native", List.of("backend docker => native"));
    String text = DiffText.PLAIN.render(new PlanDiff("shop", "dev", new Plan(List.of(a))));
    assertEquals("+/- recreate api: docker => native (stop the docker container, start a native process)",
        text.lines().toList().get(2));
  }
}
