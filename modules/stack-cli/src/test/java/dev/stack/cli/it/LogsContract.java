package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code stack logs} behaves the same on every backend: time order across services, {@code -n},
 * {@code --since/--until}, {@code --grep}, {@code --json}, a 1 MiB line whole, {@code -f} across a
 * restart, and the lines of a recreated instance kept. Subclasses say which backend.
 */
abstract class LogsContract extends LiveStackTest {

  /** Lines under {@code services:} that make a service run on this backend (indented 4). */
  abstract String backendLines();

  private String file(String aWord) {
    String on = backendLines();
    return """
        name: logs%s
        services:
          a:
            command: [sh, -c, 'for i in 1 2 3 4 5; do echo "%s $$i"; sleep 0.4; done; echo "ERROR a failed" >&2; trap "exit 0" TERM; while true; do sleep 1; done']
        %s
          b:
            command: [sh, -c, 'sleep 0.2; for i in 1 2 3 4 5; do echo "b $$i"; sleep 0.4; done; trap "exit 0" TERM; while true; do sleep 1; done']
        %s
          big:
            command: [sh, -c, 'head -c 1048576 /dev/zero | tr "\\\\0" x; echo; trap "exit 0" TERM; while true; do sleep 1; done']
        %s
        """.formatted(getClass().getSimpleName().startsWith("Docker") ? "d" : "n", aWord, on, on, on);
  }

  private List<String> lines(String... args) {
    String out = stack.ok(args).out();
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  @Test
  void logsReadTheSameOnThisBackend() throws Exception {
    stackFile(file("a"));
    stack.ok("up");
    patiently().until(() -> lines("logs", "--no-prefix", "a").contains("ERROR a failed")
        && lines("logs", "--no-prefix", "b").contains("b 5"));

    // Merged by time across services: each line's time is not before the previous one's, and every
    // line of both is there, each service's in its own order (how they interleave depends on the
    // start skew between the two, which a loaded machine stretches).
    List<JsonNode> merged = lines("logs", "--json", "a", "b").stream().map(StackCli::json).toList();
    for (int i = 1; i < merged.size(); i++) {
      assertTrue(merged.get(i - 1).get("time").asText().compareTo(merged.get(i).get("time").asText()) <= 0,
          "time order at line " + i + ": " + merged);
    }
    List<String> messages = merged.stream().map(j -> j.get("message").asText()).toList();
    assertEquals(List.of("a 1", "a 2", "a 3", "a 4", "a 5"), messages.stream().filter(m -> m.startsWith("a ")).toList());
    assertEquals(List.of("b 1", "b 2", "b 3", "b 4", "b 5"), messages.stream().filter(m -> m.startsWith("b ")).toList());

    assertEquals(List.of("a 5", "ERROR a failed"), lines("logs", "--no-prefix", "-n", "2", "a"));
    assertEquals(List.of("b 2", "b 4"), lines("logs", "--no-prefix", "--grep", "b [24]$", "b"));
    assertEquals(lines("logs", "a").size(), lines("logs", "--since", "1h", "a").size());
    assertEquals(List.of(), lines("logs", "--until", "1h", "a"));
    assertEquals(List.of("a ! ERROR a failed", "b | b 5"), lines("logs", "-n", "1", "a", "b").stream().sorted().toList(),
        "the last line of each, prefixed ('!' marks stderr)");
    JsonNode json = StackCli.json(lines("logs", "--json", "-n", "1", "a").get(0));
    assertEquals("a", json.get("service").asText());
    assertEquals(1, json.get("instance").asInt());
    assertEquals("err", json.get("stream").asText());
    assertEquals("ERROR a failed", json.get("message").asText());
    assertTrue(json.get("time").asText().endsWith("Z"), json.toString());

    List<String> big = lines("logs", "--no-prefix", "big");
    assertEquals(1, big.size(), "one line");
    assertEquals(1048576, big.get(0).length());
    assertTrue(big.get(0).chars().allMatch(c -> c == 'x'));

    // -f shows what comes later, also from a run that starts during the follow
    Process follow = stack.start("logs", "-f", "--no-prefix", "a");
    try {
      stack.ok("restart", "a");
      patiently().until(() -> Files.readString(stack.outputOf(follow)).lines().filter("a 1"::equals).count() >= 2);
    } finally {
      follow.destroy();
    }

    // a recreated instance's old lines stay
    stackFile(file("again"));
    stack.ok("up");
    patiently().until(() -> lines("logs", "--no-prefix", "a").contains("again 1"));
    assertTrue(lines("logs", "--no-prefix", "a").contains("a 1"), "the first run's lines are still there");

    // emptied only on purpose, and only what was named
    stack.ok("logs", "--flush", "big");
    assertEquals(List.of(), lines("logs", "big"));
    assertTrue(lines("logs", "--no-prefix", "a").contains("a 1"));
  }
}
