package dev.stack.core.render;

import static dev.stack.core.testing.PsRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsTableTest {

  @Test
  void rendersAlignedColumnsWithinEightyColumnsAndMarksUnenforcedLimits() {
    String table = PsTable.render(List.of(
        row("api", "native", "41235", "healthy", 185_000L, 0, 0.3, 47_400_000L, List.of("8081"), null),
        row("db", "docker", "3f2a1b9c0d1e", "online", 7_200_000L, 1, 12.4, 126_000_000L, List.of("127.0.0.1:5432", "*:8080"), true),
        row("worker", "native", null, "errored", null, 10, null, null, List.of(), false)), false, Ansi.OFF);
    assertEquals(String.join("\n",
        "NAME     BACKEND  ID            STATUS   UPTIME  RESTARTS  CPU   MEM    PORTS",
        "api      native   41235         healthy  3m      0         0.3%  45.2M  8081",
        "db       docker   3f2a1b9c0d1e  online   2h      1         12%   120M   127.0.0…",
        "worker!  native   -             errored  -       10        -     -",
        "! worker: limits not enforced (no cgroup delegation for uid 1000)", ""), table);
    for (String line : table.split("\n")) {
      assertTrue(line.length() <= 80, line);
    }
  }

  @Test
  void narrowsTheGapsThenCutsLongNamesToFitEightyColumns() {
    List<Map<String, Object>> rows = List.of(
        row("crashes-once", "docker", "3f2a1b9c0d1e", "restarting", 1_000L, 1, 0.0, 1_000_000L, List.of("127.0.0.1:5432"), null),
        row("web", "docker", "4f2a1b9c0d1e", "unhealthy", 60_000L, 0, 100.0, 200_000_000L, List.of(), false));
    assertEquals(String.join("\n",
        "NAME         BACKEND ID           STATUS     UPTIME RESTARTS CPU  MEM  PORTS",
        "crashes-once docker  3f2a1b9c0d1e restarting 1s     1        0.0% 977K 127.0.0.…",
        "web!         docker  4f2a1b9c0d1e unhealthy  1m     0        100% 191M",
        "! web: limits not enforced (no cgroup delegation for uid 1000)", ""), PsTable.render(rows, false, Ansi.OFF));
    String all = PsTable.render(rows, true, Ansi.OFF);
    for (String line : all.split("\n")) {
      assertTrue(line.length() <= 80, line);
    }
    assertEquals(String.join("\n",
        "NAME             BACKEND ID           STATUS     UPTIME RESTARTS CPU  MEM  PORTS",
        "sh…/crashes-once docker  3f2a1b9c0d1e restarting 1s     1        0.0% 977K 127.…",
        "shop/web!        docker  4f2a1b9c0d1e unhealthy  1m     0        100% 191M",
        "! web: limits not enforced (no cgroup delegation for uid 1000)", ""), all);
  }

  @Test
  void cutsTheStackOfALongNameAndKeepsTheInstance() {
    assertEquals("stat…/crashes-once", PsTable.shorten("statusev9d56/crashes-once", 18));
    assertEquals("a-ver…name!", PsTable.shorten("a-very-long-service-name!", 11));
    assertEquals("short", PsTable.shorten("short", 8));
  }

  @Test
  void colourOnlyTouchesTheStatusWord() {
    String table = PsTable.render(List.of(row("api", "native", "1", "errored", 1000L, 0, 0.0, 1024L, List.of(), null)),
        false, Ansi.ON);
    assertTrue(table.contains("\u001b[31merrored\u001b[0m"), table);
    assertTrue(table.startsWith("NAME"), table);
  }
}
