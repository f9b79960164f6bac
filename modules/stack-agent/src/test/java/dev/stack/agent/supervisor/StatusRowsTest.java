package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.testing.PsRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRowsTest {

  @Test
  void aPlainPsIsAnsweredWithTheTableTheCliPrints() {
    Map<String, Object> ps = Map.of("profile", "dev", "instances", List.of(row("web", 4123), row("worker", 4124)));

    Map<String, Object> plain = StatusRows.table(ps, Map.of("table", Map.of("columns", 80, "color", false)));
    assertEquals("dev", plain.get("profile"));
    assertEquals(2, plain.get("count"));
    assertEquals(List.of(
        "NAME    BACKEND  ID    STATUS  UPTIME  RESTARTS  CPU   MEM    PORTS",
        "web     native   4123  online  3m      1         2.5%  43.1M  8080",
        "worker  native   4124  online  3m      1         2.5%  43.1M  8080"),
        List.of(((String) plain.get("table")).split("\n")));
    assertFalse(plain.containsKey("instances"), "the rows stay in the agent: " + plain.keySet());

    String coloured = (String) StatusRows.table(ps, Map.of("table", Map.of("columns", 80, "color", true))).get("table");
    assertTrue(coloured.contains("\u001b[32monline\u001b[0m"), coloured);

    String everyStack = (String) StatusRows.table(ps, Map.of("all", true, "table", Map.of("columns", 80, "color", false)))
        .get("table");
    assertTrue(everyStack.contains("\nshop/web "), everyStack);
  }

  @Test
  void noStackRunningIsAnEmptyTableAndJsonKeepsTheRows() {
    Map<String, Object> none = StatusRows.table(Map.of("profile", "dev", "instances", List.of()),
        Map.of("table", Map.of("columns", 80, "color", false)));
    assertEquals(0, none.get("count"));
    assertEquals("", none.get("table"));

    Map<String, Object> ps = Map.of("profile", "dev", "instances", List.of(row("web", 4123)));
    assertSame(ps, StatusRows.table(ps, Map.of("all", false)), "ps --json asks without table");
  }

  @Test
  void rowsOfTwoStacksOfOneFileAreNamedWithTheirStack() {
    // the file's name: was changed while its first stack ran: ps of the file shows both stacks
    Map<String, Object> renamed = new java.util.LinkedHashMap<>(row("web", 4125));
    renamed.put("stack", "shop2");
    Map<String, Object> ps = Map.of("profile", "dev", "instances", List.of(row("web", 4123), renamed));
    assertEquals(List.of(
        "NAME       BACKEND  ID    STATUS  UPTIME  RESTARTS  CPU   MEM    PORTS",
        "shop/web   native   4123  online  3m      1         2.5%  43.1M  8080",
        "shop2/web  native   4125  online  3m      1         2.5%  43.1M  8080"),
        List.of(((String) StatusRows.table(ps, Map.of("table", Map.of("columns", 80, "color", false))).get("table")).split("\n")));
  }

  /** A running native instance of stack {@code shop}, without limits. */
  private static Map<String, Object> row(String name, int pid) {
    return PsRows.row(name, "native", Integer.toString(pid), "online", 185_000L, 1, 2.5, 45_200_000L,
        List.of("8080"), null);
  }
}
