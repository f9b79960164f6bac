package dev.stack.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

  @SafeVarargs
  private static Map<String, Object> map(Map.Entry<String, Object>... entries) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  @Test
  void nestedMapsAreWalkedToTheirLeavesAndListsComparedWhole() {
    Map<String, Object> before = map(Map.entry("image", "pg:15"), Map.entry("env", map(Map.entry("A", "1"),
        Map.entry("B", "2"))), Map.entry("ports", List.of("8080:8080")), Map.entry("restart",
        map(Map.entry("max_backoff", "30s"))));
    Map<String, Object> after = map(Map.entry("image", "pg:16"), Map.entry("env", map(Map.entry("B", "2"),
        Map.entry("C", "3"))), Map.entry("ports", List.of("127.0.0.1:8080:8080")), Map.entry("restart",
        map(Map.entry("max_backoff", "1m"))));

    List<String> shown = FieldDiff.compare(before, after, Set.of()).stream()
        .map(c -> c.kind().marker() + " " + c.path() + ": " + c.display()).toList();

    assertEquals(List.of(
        "+/- image: pg:15 => pg:16",
        "- env.A: 1",
        "+ env.C: 3",
        "+/- ports: [\"8080:8080\"] => [\"127.0.0.1:8080:8080\"]",
        "+/- restart.max_backoff: 30s => 1m"), shown);
  }

  @Test
  void aSecretSaysThatItChangedAndNothingElse() {
    Map<String, Object> before = map(Map.entry("env", map(Map.entry("PW", "sha256:aaaa"))));
    Map<String, Object> after = map(Map.entry("env", map(Map.entry("PW", "sha256:bbbb"), Map.entry("KEY", "sha256:cc"))));

    List<Change> changes = FieldDiff.compare(before, after, Set.of("env.PW", "env.KEY"));

    assertEquals(List.of(new Change("env.PW", Change.Kind.CHANGED, null, null, true),
        new Change("env.KEY", Change.Kind.ADDED, null, null, true)), changes);
    assertEquals(List.of("(secret changed)", "(secret)"), changes.stream().map(Change::display).toList());
  }

  @Test
  void thePlannerGetsThePathsThatForceARecreate() {
    Map<String, Object> before = map(Map.entry("image", "a"), Map.entry("env", map(Map.entry("LOG_LEVEL", "debug"))));
    Map<String, Object> after = map(Map.entry("image", "b"), Map.entry("env", map(Map.entry("LOG_LEVEL", "info"))));

    assertEquals(List.of("image", "env.LOG_LEVEL"), FieldDiff.changedPaths(before, after));
    assertEquals(List.of(), FieldDiff.plannerReasons(c -> null, d -> after).apply(null, null));
  }

  @Test
  void valuesThatWouldReadAmbiguouslyAreQuoted() {
    assertEquals("\"\" => \" padded \"", new Change("x", Change.Kind.CHANGED, "", " padded ", false).display());
    assertEquals("1.5 => [\"a b\", 2]", new Change("x", Change.Kind.CHANGED, 1.5, List.of("a b", 2), false).display());
  }
}
