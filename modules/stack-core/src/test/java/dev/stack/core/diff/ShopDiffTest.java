package dev.stack.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.model.Stack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stack diff dev prod} on examples/shop, the diff the README shows. */
class ShopDiffTest {

  static final Path SHOP = Path.of("../../examples/shop/stack.yaml");

  @Test
  void devToProdSaysWhatMovingIntoContainersChanges() {
    Stack dev = DiffGoldenTest.load(SHOP, "dev");
    Stack prod = DiffGoldenTest.load(SHOP, "prod");
    ProfileDiff diff = ProfileDiff.compare(dev, prod, BackendFixtures.both(false));
    String text = DiffText.PLAIN.render(diff);

    assertTrue(diff.hasDifferences());
    List<String> lines = text.lines().toList();
    assertEquals("Changes from profile dev (native) to profile prod (docker) of stack shop:", lines.get(0));
    for (String expected : List.of(
        "+/- api: native => docker",
        "+/- gateway: native => docker",
        "+/- worker: native => docker",
        "    address: env.API_URL reaches api at 127.0.0.1:8081 => api:8081",
        "    note: filesystem isolation: none (the host's files) on native => own root filesystem on docker",
        "    note: resources.memory 256m: not enforced (no cgroup delegation for uid 1000) on native"
            + " => enforced by docker on docker",
        "    note: ports: 8081 is not published: on docker only services on the stack network reach it"
            + " (on native: 127.0.0.1:8081 from this machine)",
        "    note: ports: 8080 published on 127.0.0.1 (this machine only) => 0.0.0.0 (every address: other machines reach it)",
        "Summary: 3 changed, 0 unchanged. (+ added, - removed, +/- changed; unchanged fields hidden)")) {
      assertTrue(lines.contains(expected), () -> "missing line:\n" + expected + "\nin:\n" + text);
    }
    assertTrue(lines.stream().anyMatch(l -> l.matches(" {4}\\+/- ports +\\[\"127\\.0\\.0\\.1:8080:8080\"] => \\[\"0\\.0\\.0\\.0:8080:8080\"]")),
        text);
    assertTrue(lines.stream().anyMatch(l -> l.matches(" {4}\\+/- workdir +\\. => /app")), text);
  }
}
