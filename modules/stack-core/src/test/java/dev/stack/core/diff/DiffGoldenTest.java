package dev.stack.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Planner;
import dev.stack.core.status.State;
import dev.stack.model.Canonical;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import dev.stack.model.load.StackLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden output: each folder under src/test/resources/diff/ holds stack files, a
 * {@code case.properties} saying what to compare, and the expected {@code diff.txt} and
 * {@code diff.json}. Run with {@code -Dgolden.update=true} to rewrite them after a deliberate
 * change (then read the git diff of the files before committing).
 */
class DiffGoldenTest {

  static final Path CASES = Path.of("src/test/resources/diff");

  @ParameterizedTest
  @ValueSource(strings = {"added-removed", "changed-fields", "backend-switch", "hybrid", "secret", "no-difference",
      "plan"})
  void matchesTheGoldenFiles(String name) throws IOException {
    Path dir = CASES.resolve(name);
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(dir.resolve("case.properties"))));
    String text;
    String json;
    if (p.containsKey("running")) {
      PlanDiff plan = plan(dir, p);
      text = new DiffText(Boolean.parseBoolean(p.getProperty("verbose", "false")), Palette.PLAIN).render(plan);
      json = DiffJson.render(plan) + "\n";
    } else {
      ProfileDiff diff = profileDiff(dir, p);
      text = new DiffText(Boolean.parseBoolean(p.getProperty("verbose", "false")), Palette.PLAIN).render(diff);
      json = DiffJson.render(diff) + "\n";
      assertEquals(Boolean.parseBoolean(p.getProperty("differences")), diff.hasDifferences(), "differences");
    }
    check(dir.resolve("diff.txt"), text);
    check(dir.resolve("diff.json"), json);
  }

  static Stack load(Path file, String profile) {
    return StackLoader.load(new StackLoader.Request(file, file.getFileName().toString(), profile, List.of(), Map.of()))
        .stack();
  }

  static ProfileDiff profileDiff(Path dir, Properties p) {
    Stack from = load(dir.resolve(p.getProperty("fromFile", "stack.yaml")), p.getProperty("from", "dev"));
    Stack to = load(dir.resolve(p.getProperty("toFile", "stack.yaml")), p.getProperty("to", "prod"));
    boolean cgroups = "enforced".equals(p.getProperty("nativeResources"));
    return ProfileDiff.compare(from, to, BackendFixtures.both(cgroups));
  }

  /**
   * The plan from what runs ({@code running}: a file and profile, as if started earlier; instances
   * listed in {@code stopped} are stopped) to what the stack file asks for ({@code desired}).
   */
  static PlanDiff plan(Path dir, Properties p) {
    String[] running = p.getProperty("running").split(" ");
    String[] desired = p.getProperty("desired").split(" ");
    Stack now = load(dir.resolve(running[0]), running[1]);
    Stack want = load(dir.resolve(desired[0]), desired[1]);
    List<String> stopped = List.of(p.getProperty("stopped", "").split(" "));
    Map<String, Map<String, Object>> forms = new HashMap<>();
    List<Planner.Current> current = new ArrayList<>();
    for (Service s : now.services().values()) {
      forms.put("running/" + s.name(), Canonical.of(s, Canonical.Mode.HASHED));
      current.add(new Planner.Current(s.name(), s.name(), 1, s.backend(), Canonical.hash(s),
          stopped.contains(s.name()) ? State.STOPPED : State.ONLINE));
    }
    List<Planner.Desired> wanted = new ArrayList<>();
    for (Service s : want.services().values()) {
      forms.put("desired/" + s.name(), Canonical.of(s, Canonical.Mode.HASHED));
      wanted.add(new Planner.Desired(s.name(), s.name(), 1, s.backend(), Canonical.hash(s)));
    }
    Plan plan = Planner.plan(wanted, current, FieldDiff.plannerReasons(c -> forms.get("running/" + c.service()),
        d -> forms.get("desired/" + d.service())));
    return new PlanDiff(want.name(), want.profile(), plan);
  }

  static void check(Path expected, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, expected.toString());
  }
}
