package dev.stack.cli.render;

import dev.stack.core.render.Ansi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monit screen as a user sees it, at a few terminal sizes. */
class MonitScreenTest {

  private static Map<String, Object> row(String instance, String id, long uptime, int restarts, double cpu, long mem,
      List<String> reach) {
    Map<String, Object> r = new HashMap<>();
    r.put("instance", instance);
    r.put("service", instance);
    r.put("backend", "native");
    r.put("id", id);
    r.put("status", "online");
    r.put("uptime_ms", uptime);
    r.put("restarts", restarts);
    r.put("cpu_percent", cpu);
    r.put("memory_bytes", mem);
    r.put("reach", reach);
    return r;
  }

  private static final List<Map<String, Object>> ROWS = List.of(
      row("web", "4123", 185_000, 0, 0.3, 47_400_000L, List.of("8081")),
      row("worker", "4130", 62_000, 2, 4.0, 12_600_000L, List.of()));

  /** Three samples of web (1%, 5%, 0.3% CPU), two of worker (it was missing from the second). */
  private static MetricHistory history() {
    MetricHistory h = new MetricHistory();
    h.add(List.of(row("web", "4123", 1, 0, 1.0, 40_000_000L, List.of()), row("worker", "4130", 1, 0, 0.0, 12_000_000L, List.of())));
    h.add(List.of(row("web", "4123", 1, 0, 5.0, 44_000_000L, List.of())));
    h.add(ROWS);
    return h;
  }

  private static MonitScreen.View view(List<Map<String, Object>> rows, int selected, String status) {
    return new MonitScreen.View("shop", "dev", rows, selected, history(),
        List.of("worker | picked job 1", "worker ! job 1 failed", "worker | picked job 2"), status, null);
  }

  @Test
  void aWideScreenShowsTheTableWithHistoriesTheSelectedServiceAndItsLogs() {
    List<String> screen = MonitScreen.render(view(ROWS, 1, "worker restarted"), 100, 12, Ansi.OFF, true);
    assertEquals(List.of(
        "stack monit · shop · profile dev · 2 services",
        "  NAME    BACKEND  ID    STATUS  UPTIME  RESTARTS  CPU   MEM    PORTS  CPU HISTORY  MEM HISTORY",
        "  web     native   4123  online  3m      0         0.3%  45.2M  8081           ▂█▁          ▇▇█",
        "> worker  native   4130  online  1m      2         4.0%  12.0M                  ▁▇           ██",
        "── worker ── cpu 4.0%                   ▁▇ ── mem 12.0M                   ██ ── logs ───────────────",
        "worker | picked job 1",
        "worker ! job 1 failed",
        "worker | picked job 2",
        "",
        "",
        "worker restarted",
        "↑/↓ j/k select   r restart   s stop   t start   q quit"), screen);
  }

  @Test
  void atEightyByTwentyFourTheHistoryIsOnTheSelectedServicesLineAndTheFooterIsLast() {
    List<String> screen = MonitScreen.render(view(ROWS, 0, null), 80, 24, Ansi.OFF, true);
    assertEquals(24, screen.size());
    assertEquals(List.of(
        "stack monit · shop · profile dev · 2 services",
        "  NAME    BACKEND  ID    STATUS  UPTIME  RESTARTS  CPU   MEM    PORTS",
        "> web     native   4123  online  3m      0         0.3%  45.2M  8081",
        "  worker  native   4130  online  1m      2         4.0%  12.0M",
        "── web ── cpu 0.3%                 ▂█▁ ── mem 45.2M                 ▇▇█ ── logs ",
        "worker | picked job 1"), screen.subList(0, 6));
    assertEquals(Collections.nCopies(15, ""), screen.subList(8, 23));
    assertEquals("↑/↓ j/k select   r restart   s stop   t start   q quit", screen.get(23));
    screen.forEach(line -> assertTrue(line.length() <= 80, line));
  }

  @Test
  void aNarrowLowScreenCutsLinesShowsTheSelectedRowShortensTheFooterAndWithoutUnicodeUsesAscii() {
    List<String> screen = MonitScreen.render(view(ROWS, 1, "error: agent gone"), 40, 8, Ansi.OFF, false);
    assertEquals(List.of(
        "stack monit - shop - profile dev - 2 ser",
        "  NAME   BACKEND ID   STATUS UPTIME REST",
        "> worker native  4130 online 1m     2   ",
        "-- worker -- cpu 4.0% -- mem 12.0M -- lo",
        "worker ! job 1 failed",
        "worker | picked job 2",
        "error: agent gone",
        "j/k r=restart s=stop t=start q=quit"), screen);
  }

  @Test
  void manyServicesScrollToKeepTheSelectedOneInViewAndLeaveRoomForLogs() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(row("svc" + i, "10" + i, 1000, 0, 0, 1 << 20, List.of()));
    }
    List<String> screen = MonitScreen.render(view(rows, 8, null), 80, 12, Ansi.OFF, true);
    assertEquals(12, screen.size());
    assertTrue(screen.get(1).startsWith("  NAME"), screen.get(1));
    assertEquals(List.of("  svc5", "  svc6", "  svc7", "> svc8"),
        screen.subList(2, 6).stream().map(l -> l.substring(0, 6)).toList());
    assertEquals(List.of("worker | picked job 1", "worker ! job 1 failed", "worker | picked job 2"), screen.subList(7, 10));
  }

  @Test
  void aStackThatIsNotRunningSaysSoAboveTheKeys() {
    MonitScreen.View view = new MonitScreen.View("shop", null, List.of(), 0, new MetricHistory(), List.of(), null,
        "the stack of stack.yaml is not running (start it with 'stack up')");
    List<String> screen = MonitScreen.render(view, 80, 6, Ansi.OFF, true);
    assertEquals(List.of(
        "stack monit · shop · 0 services",
        "",
        "the stack of stack.yaml is not running (start it with 'stack up')",
        "",
        "",
        "↑/↓ j/k select   r restart   s stop   t start   q quit"), screen);
  }

  @Test
  void aLongProblemIsWrappedAtSpaces() {
    MonitScreen.View view = new MonitScreen.View("shop", null, List.of(), 0, new MetricHistory(), List.of(), null,
        "the stack of /srv/apps/shop/stack.yaml is not running (start it with 'stack up')");
    assertEquals(List.of(
        "stack monit · shop · 0 services",
        "",
        "the stack of /srv/apps/shop/stack.yaml",
        "is not running (start it with 'stack",
        "up')",
        "",
        "j/k r=restart s=stop t=start q=quit"), MonitScreen.render(view, 40, 7, Ansi.OFF, true));
  }

  @Test
  void withColourTheSelectedRowIsInverseAndNoLineIsWiderThanTheScreen() {
    List<String> screen = MonitScreen.render(view(ROWS, 1, "error: no agent"), 80, 10, Ansi.ON, true);
    assertTrue(screen.get(3).startsWith("\u001b[7m> worker"), screen.get(3));
    assertTrue(screen.get(2).contains("\u001b[32monline\u001b[0m"), screen.get(2));
    assertEquals("\u001b[31merror: no agent\u001b[0m", screen.get(8));
    screen.forEach(line -> assertTrue(MonitScreen.visible(line) <= 80, line));
    assertEquals(80, MonitScreen.visible(screen.get(3)), "the selection bar spans the screen");
  }
}
