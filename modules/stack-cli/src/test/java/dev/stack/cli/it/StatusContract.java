package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stack ps} and {@code stack describe}, text and {@code --json}, read the same on every
 * backend: one stack with a service in each state (online, crashed once and restarted, errored,
 * stopped), and the figures of a busy loop (about one core) and of a process holding 200 MB.
 * Subclasses say which backend, and what its handle looks like.
 */
abstract class StatusContract extends LiveStackTest {

  /** The fields of every {@code ps --json} row (docs/status.md). */
  static final List<String> PS_FIELDS = List.of("stack", "instance", "service", "index", "backend", "id", "pid",
      "status", "state", "health", "uptime_ms", "restarts", "cpu_percent", "memory_bytes", "ports", "reach",
      "limits", "limits_enforced", "enforcement", "last_exit");

  /** What {@code describe --json} adds to each instance (docs/status.md). */
  static final List<String> DESCRIBE_FIELDS = List.of("restart_history", "health_history");

  private static final String SECRET = "hunter2-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

  /** The stack's name: unique, since containers are named after it on a shared engine. */
  String name;

  /** Lines under a service that make it run on this backend (indented 4). */
  abstract String backendLines();

  /** A writable folder the service sees, for a marker that outlives one run. */
  abstract String scratch();

  /** {@code native} or {@code docker}. */
  abstract String backend();

  /** Checks the {@code describe --json} handle of a running instance against its ps row. */
  abstract void assertHandle(JsonNode instance);

  /** How the text of {@code describe} names the running instance's handle, e.g. {@code pid 123}. */
  abstract String handleText(JsonNode row);

  /** The lines of {@code describe}'s text that show the handle of a described instance. */
  abstract String handleLines(JsonNode instance);

  @BeforeEach
  void name() {
    name = "status" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
  }

  private String file() {
    String on = backendLines();
    return """
        name: %1$s
        services:
          web:
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
            env:
              GREETING: hello
              TOKEN: {secret: true, value: "%3$s"}
            ports: ["127.0.0.1:%4$d:%4$d"]
            resources: {memory: 64m}
        %2$s
          crashes-once:
            command: [sh, -c, 'if [ -e %5$s/once ]; then trap "exit 0" TERM; while true; do sleep 1; done; else touch %5$s/once; exit 3; fi']
            restart: {policy: on-failure, backoff: 100ms}
            health: {exec: [sh, -c, 'exit 0'], interval: 1s}
        %2$s
          always-fails:
            command: [sh, -c, 'exit 7']
            restart: {policy: on-failure, max_restarts: 2, backoff: 100ms, max_backoff: 200ms}
        %2$s
          stopped-one:
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
        %2$s
        """.formatted(name, on, SECRET, freePort(), scratch());
  }

  @Test
  void psAndDescribeShowEveryState() throws Exception {
    stackFile(file());
    stack.ok("up");
    stack.ok("stop", "stopped-one");
    // the figures of a container come from the engine's samples, taken in the background once asked for
    JsonNode crashed = awaitRow("crashes-once", r -> r.path("restarts").asInt() == 1 && "healthy".equals(r.path("status").asText())
        && !r.path("memory_bytes").isNull());
    JsonNode errored = awaitRow("always-fails", r -> "errored".equals(r.path("status").asText()));
    JsonNode web = awaitRow("web", r -> "online".equals(r.path("status").asText()) && !r.path("memory_bytes").isNull());
    JsonNode stopped = awaitRow("stopped-one", r -> "stopped".equals(r.path("status").asText()));

    // ps --json: every field of docs/status.md, and the values of each state
    JsonNode ps = StackCli.json(stack.ok("ps", "--json").out());
    assertEquals("dev", ps.path("profile").asText());
    assertEquals(4, ps.path("instances").size(), ps.toString());
    for (JsonNode row : ps.path("instances")) {
      assertEquals(PS_FIELDS, fieldNames(row), row.toString());
      assertEquals(name, row.path("stack").asText());
      assertEquals(backend(), row.path("backend").asText());
      assertEquals(1, row.path("index").asInt());
      assertEquals(row.path("instance").asText().equals("crashes-once") ? "healthy" : "none", row.path("health").asText());
      assertEquals(row.path("instance").asText(), row.path("service").asText());
    }
    assertRunning(web, "online", 0);
    assertEquals(List.of("127.0.0.1:" + port(web) + ":" + port(web)), strings(web.path("ports")));
    assertEquals(List.of(backend().equals("native") ? port(web) : "127.0.0.1:" + port(web)), strings(web.path("reach")));
    assertTrue(web.path("limits").asBoolean(), web.toString());
    assertTrue(web.path("limits_enforced").isBoolean(), web.toString());
    assertTrue(web.path("enforcement").isTextual(), web.toString());
    assertTrue(web.path("last_exit").isNull(), web.toString());

    assertRunning(crashed, "healthy", 1);
    assertEquals("exit 3", crashed.path("last_exit").asText(), crashed.toString());
    assertFalse(crashed.path("limits").asBoolean());
    assertTrue(crashed.path("limits_enforced").isNull() && crashed.path("enforcement").isNull(), crashed.toString());

    assertNotRunning(errored, "errored", 2);
    assertEquals("exit 7", errored.path("last_exit").asText(), errored.toString());
    assertNotRunning(stopped, "stopped", 0);

    // ps as text: the same words and figures, '-' where a figure does not apply, 80 columns
    stack.env("COLUMNS", "80");
    for (String[] args : List.of(new String[] {"ps"}, new String[] {"ps", "-a"}, new String[] {"status"}, new String[] {"ls"})) {
      String text = stack.ok(args).out();
      assertFitsIn80(text);
      boolean all = args.length > 1;
      List<String> lines = text.lines().toList();
      assertEquals(List.of("NAME", "BACKEND", "ID", "STATUS", "UPTIME", "RESTARTS", "CPU", "MEM", "PORTS"),
          cells(lines.get(0)), text);
      Map<String, List<String>> rows = lines.stream().skip(1).filter(l -> !l.startsWith("!"))
          .map(StatusContract::cells).collect(Collectors.toMap(c -> instanceOf(c.get(0)), c -> c));
      assertEquals(4, rows.size(), text);
      rows.forEach((instance, cells) -> {
        String shown = cells.get(0);
        String mark = instance.equals("web") && !web.path("limits_enforced").asBoolean() ? "!" : "";
        assertTrue(all ? shown.equals(name + "/" + instance + mark) || shown.contains("…") && shown.endsWith("/" + instance + mark)
            : shown.equals(instance + mark), "name of " + instance + ": " + text);
      });
      assertTableRow(rows.get("web"), "online", "0", text);
      assertTableRow(rows.get("crashes-once"), "healthy", "1", text);
      assertEquals(List.of(backend(), "-", "errored", "-", "2", "-", "-"), rows.get("always-fails").subList(1, 8), text);
      assertEquals(8, rows.get("always-fails").size(), text);
      assertEquals(List.of(backend(), "-", "stopped", "-", "0", "-", "-"), rows.get("stopped-one").subList(1, 8), text);
      assertEquals(8, rows.get("stopped-one").size(), text);
      assertTrue(rows.get("web").get(8).startsWith(strings(web.path("reach")).get(0).substring(0, 3)), text);
      assertEquals(web.path("limits_enforced").asBoolean(), text.lines().noneMatch(l -> l.startsWith("! web: limits not enforced")), text);
    }

    // describe --json: the ps fields, the handle, the histories, the definition with the secret masked
    JsonNode webDescribed = describeJson("web");
    JsonNode webInstance = webDescribed.path("instances").get(0);
    assertHandle(webInstance);
    assertEquals(webInstance.path("id").asText(), web.path("id").asText());
    assertEquals("******", webDescribed.path("definition").path("env").path("TOKEN").asText(), webDescribed.toString());
    assertEquals("hello", webDescribed.path("definition").path("env").path("GREETING").asText());
    assertEquals("64m", webDescribed.path("definition").path("resources").path("memory").asText());
    assertEquals(List.of(), strings(webInstance.path("restart_history")));
    String webJson = stack.ok("describe", "web", "--json").out();
    assertFalse(webJson.contains(SECRET), webJson);

    JsonNode crashInstance = describeJson("crashes-once").path("instances").get(0);
    assertHandle(crashInstance);
    JsonNode crash = single(crashInstance.path("restart_history"));
    assertEquals("exit 3", crash.path("exit").asText(), crash.toString());
    assertTrue(crash.path("decision").asText().startsWith("restart"), crash.toString());
    assertTrue(Instant.parse(crash.path("at").asText()).isBefore(Instant.now()), crash.toString());
    assertTrue(crash.path("uptime_ms").asLong() >= 0 && crash.path("uptime_ms").asLong() < 60_000, crash.toString());
    JsonNode probe = list(crashInstance.path("health_history")).get(crashInstance.path("health_history").size() - 1);
    assertEquals(List.of("at", "ok", "detail"), fieldNames(probe), crashInstance.toString());
    assertTrue(probe.path("ok").asBoolean(), crashInstance.toString());
    assertEquals("exit 0", probe.path("detail").asText(), crashInstance.toString());
    assertEquals(List.of(), strings(webInstance.path("health_history")), "no probe, no history");

    JsonNode erroredInstance = describeJson("always-fails").path("instances").get(0);
    assertTrue(erroredInstance.path("handle").isMissingNode(), "no handle when not running: " + erroredInstance);
    List<JsonNode> failures = list(erroredInstance.path("restart_history"));
    assertFalse(failures.isEmpty(), erroredInstance.toString());
    for (JsonNode f : failures) {
      assertEquals("exit 7", f.path("exit").asText(), erroredInstance.toString());
      assertTrue(f.path("uptime_ms").asLong() < 60_000, "each run ended at once: " + erroredInstance);
    }
    assertEquals("errored after 2 unstable restarts", failures.get(failures.size() - 1).path("decision").asText(),
        erroredInstance.toString());

    JsonNode stoppedInstance = describeJson("stopped-one").path("instances").get(0);
    assertEquals("stopped", stoppedInstance.path("status").asText());
    assertTrue(stoppedInstance.path("handle").isMissingNode(), stoppedInstance.toString());
    assertEquals(List.of(), strings(stoppedInstance.path("restart_history")), "a stop on purpose is no restart");

    // describe as text: the same facts, the secret masked
    String webText = stack.ok("describe", "web").out();
    assertTrue(webText.startsWith("Service web of stack " + name + " (profile dev)\n"), webText);
    assertTrue(webText.contains("Instance web: online on " + backend() + ", " + handleText(web) + "\n"), webText);
    assertTrue(webText.contains("\n  restarts:     0\n"), webText);
    assertTrue(webText.contains(handleLines(webInstance)), webText);
    assertTrue(webText.contains("\n  limits:       " + (web.path("limits_enforced").asBoolean() ? "enforced (" : "NOT enforced (")
        + web.path("enforcement").asText() + ")\n"), webText);
    assertTrue(webText.contains("\nLogs: " + stack.home().resolve("logs").resolve(name) + "\n"), webText);
    assertTrue(webText.contains("\n    TOKEN: ******\n"), webText);
    assertFalse(webText.contains(SECRET), webText);

    String crashText = stack.ok("describe", "crashes-once").out();
    assertTrue(crashText.contains("\n  restarts:     1\n  last exit:    exit 3\n"), crashText);
    assertTrue(crashText.contains("Instance crashes-once: healthy on " + backend() + ", "), crashText);
    assertTrue(crashText.contains("\n  restart history:\n    " + crash.path("at").asText() + "  exit 3 after "), crashText);
    assertTrue(crashText.contains("\n  health history (latest last):\n    "), crashText);
    assertTrue(crashText.contains("  ok    exit 0\n"), crashText);

    String erroredText = stack.ok("describe", "always-fails").out();
    assertTrue(erroredText.contains("Instance always-fails: errored on " + backend() + "\n"), erroredText);
    assertTrue(erroredText.contains("\n  uptime:       -\n  restarts:     2\n  last exit:    exit 7\n  cpu / memory: - / -\n"), erroredText);
    assertTrue(erroredText.contains(" exit 7 after ") && erroredText.contains(" -> errored after 2 unstable restarts\n"), erroredText);

    String stoppedText = stack.ok("describe", "stopped-one").out();
    assertTrue(stoppedText.contains("Instance stopped-one: stopped on " + backend() + "\n  uptime:       -\n  restarts:     0\n"), stoppedText);
    assertFalse(stoppedText.contains("restart history"), stoppedText);
  }

  @Test
  void aBusyLoopShowsAboutOneCoreAndAProcessHolding200MbAboutThat() throws Exception {
    String on = backendLines();
    stackFile("""
        name: %1$s
        services:
          busy:
            command: [sh, -c, 'while :; do :; done']
        %2$s
          holds-200m:
            command: [sh, -c, 'x=$$(head -c 200000000 /dev/zero | tr "\\\\0" a); echo held; trap "exit 0" TERM; while true; do sleep 1; done']
        %2$s
        """.formatted(name, on));
    stack.ok("up");

    // CPU is a share between two samples, and the machine is shared: the loop gets a whole core only
    // when nothing else runs. So the figure is held against the kernel's own count of the CPU time
    // of the same processes around the same samples: at most one core, and what the loop really got.
    List<String> seen = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    patiently().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).alias("busy's CPU as the kernel counts it")
        .until(() -> {
          long pid = pid(stack.instance("busy"));
          long ticks = Procs.cpuTicks(pid);
          long since = System.nanoTime();
          JsonNode cpu = stack.instance("busy").path("cpu_percent");
          double kernel = 100.0 * (Procs.cpuTicks(pid) - ticks) / Procs.CLK_TCK / ((System.nanoTime() - since) / 1e9);
          if (!cpu.isNumber()) {
            return false;
          }
          seen.add(cpu.asDouble() + "% (kernel " + Math.round(kernel) + "%)");
          shares.add(cpu.asDouble());
          return kernel >= 25 && Math.abs(cpu.asDouble() - kernel) <= Math.max(15, kernel * 0.3);
        });
    assertTrue(shares.stream().allMatch(c -> c >= 0 && c <= 110), "never more than the one core it can use: " + seen);

    patiently().until(() -> stack.ok("logs", "--no-prefix", "holds-200m").out().contains("held"));
    // the shell's command substitution peaks above 200 MB while it builds the value (one run
    // showed 304 MB just after "held"): wait for the figure to settle, then it must stay there
    JsonNode held = awaitRow("holds-200m", r -> r.path("memory_bytes").asLong() >= 150_000_000
        && r.path("memory_bytes").asLong() <= 250_000_000);
    for (int sample = 0; sample < 3; sample++) {
      long bytes = held.path("memory_bytes").asLong();
      assertTrue(bytes >= 150_000_000 && bytes <= 250_000_000, "about 200 MB: " + held);
      held = stack.instance("holds-200m");
    }
    JsonNode idle = held.path("cpu_percent");
    assertTrue(idle.isNumber() && idle.asDouble() >= 0, held.toString());

    // the table shows the same figures in short units
    stack.env("COLUMNS", "80");
    String text = stack.ok("ps").out();
    assertFitsIn80(text);
    List<String> row = text.lines().map(StatusContract::cells).filter(c -> c.get(0).equals("holds-200m")).findFirst().orElseThrow();
    assertTrue(row.get(7).matches("(1[4-9]\\d|2[0-4]\\d)M"), "MEM about 200M: " + text);
    List<String> busy = text.lines().map(StatusContract::cells).filter(c -> c.get(0).equals("busy")).findFirst().orElseThrow();
    assertTrue(busy.get(6).matches("\\d+(\\.\\d)?%"), text);
  }

  private void assertRunning(JsonNode row, String status, int restarts) {
    assertEquals(status, row.path("status").asText(), row.toString());
    assertEquals("online", row.path("state").asText(), row.toString());
    assertEquals(restarts, row.path("restarts").asInt(), row.toString());
    assertTrue(row.path("pid").asLong() > 0, row.toString());
    assertTrue(row.path("id").isTextual(), row.toString());
    if (backend().equals("native")) {
      assertEquals(row.path("pid").asText(), row.path("id").asText());
    } else {
      assertTrue(row.path("id").asText().matches("[0-9a-f]{12}"), row.toString());
    }
    assertTrue(row.path("uptime_ms").asLong() >= 0, row.toString());
    assertTrue(row.path("cpu_percent").isNumber(), row.toString());
    assertTrue(row.path("memory_bytes").asLong() > 0, row.toString());
  }

  private static void assertNotRunning(JsonNode row, String status, int restarts) {
    assertEquals(status, row.path("status").asText(), row.toString());
    assertEquals(status, row.path("state").asText(), row.toString());
    assertEquals(restarts, row.path("restarts").asInt(), row.toString());
    for (String absent : List.of("id", "pid", "uptime_ms", "cpu_percent", "memory_bytes")) {
      assertTrue(row.path(absent).isNull(), absent + " of a " + status + " instance: " + row);
    }
  }

  private void assertTableRow(List<String> cells, String status, String restarts, String text) {
    assertNotNull(cells, text);
    assertEquals(backend(), cells.get(1), text);
    assertTrue(cells.get(2).matches(backend().equals("native") ? "\\d+" : "[0-9a-f]{12}"), text);
    assertEquals(status, cells.get(3), text);
    assertTrue(cells.get(4).matches("\\d+[smhd]"), text);
    assertEquals(restarts, cells.get(5), text);
    assertTrue(cells.get(6).matches("\\d+(\\.\\d)?%"), text);
    assertTrue(cells.get(7).matches("\\d+(\\.\\d)?[KMG]"), text);
  }

  static void assertFitsIn80(String text) {
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= 80, "wider than 80 columns (" + line.length() + "): " + line + "\n" + text);
      assertFalse(line.contains("\u001b"), "no colours without a terminal: " + line);
    }
  }

  private JsonNode describeJson(String service) {
    JsonNode d = StackCli.json(stack.ok("describe", service, "--json").out());
    assertEquals(name, d.path("stack").asText());
    assertEquals(service, d.path("service").asText());
    assertEquals("dev", d.path("profile").asText());
    assertEquals(stack.home().resolve("logs").resolve(name).toString(), d.path("logs").asText());
    assertTrue(d.path("definition").isObject(), d.toString());
    JsonNode instance = single(d.path("instances"));
    List<String> fields = fieldNames(instance);
    assertEquals(PS_FIELDS, fields.subList(0, PS_FIELDS.size()), instance.toString());
    assertTrue(fields.containsAll(DESCRIBE_FIELDS), instance.toString());
    return d;
  }

  private static JsonNode single(JsonNode array) {
    assertEquals(1, array.size(), array.toString());
    return array.get(0);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    return list(array).stream().map(JsonNode::asText).toList();
  }

  private static String port(JsonNode row) {
    String published = row.path("ports").get(0).asText();
    return published.substring(published.lastIndexOf(':') + 1);
  }

  /** The instance a NAME cell shows: without the stack and the '!' mark. */
  private static String instanceOf(String shown) {
    String instance = shown.substring(shown.lastIndexOf('/') + 1);
    return instance.endsWith("!") ? instance.substring(0, instance.length() - 1) : instance;
  }

  private static List<String> cells(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }
}
