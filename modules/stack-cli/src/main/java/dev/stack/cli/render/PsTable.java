package dev.stack.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code stack ps} table, the same for every backend, readable at 80 columns:
 * <pre>
 * NAME     BACKEND  ID            STATUS     UPTIME  RESTARTS  CPU    MEM     PORTS
 * api      native   41235         healthy    3m      0         0.3%   45.2M   8081
 * worker!  native   41240         online     3m      2         0.0%   12.0M
 * </pre>
 * A {@code !} after the name marks limits that are not enforced, explained under the table. PORTS
 * shows where each port is reached from this machine ({@code reach} of the row).
 */
public final class PsTable {

  private static final String[] HEADERS = {"NAME", "BACKEND", "ID", "STATUS", "UPTIME", "RESTARTS", "CPU", "MEM", "PORTS"};

  private PsTable() {}

  /**
   * @param rows the {@code instances} of the agent's ps answer
   * @param withStack prefix each name with its stack ({@code ps -a})
   */
  public static String render(List<Map<String, Object>> rows, boolean withStack, Ansi ansi) {
    return render(rows, withStack, ansi, 80);
  }

  /**
   * @param columns the terminal's width: the PORTS column is cut (with {@code …}) to fit it; the
   *     full list is in {@code ps --json} and {@code describe}
   */
  public static String render(List<Map<String, Object>> rows, boolean withStack, Ansi ansi, int columns) {
    List<String[]> cells = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String name = (withStack ? r.get("stack") + "/" : "") + r.get("instance");
      if (Boolean.FALSE.equals(r.get("limits_enforced"))) {
        name += "!";
        notes.add(r.get("instance") + ": limits not enforced (" + r.get("enforcement") + ")");
      }
      Object id = r.get("id");
      cells.add(new String[] {
          name,
          String.valueOf(r.get("backend")),
          id == null ? "-" : id.toString(),
          String.valueOf(r.get("status")),
          Units.duration((Number) r.get("uptime_ms")),
          String.valueOf(r.get("restarts")),
          Units.percent((Number) r.get("cpu_percent")),
          Units.bytes((Number) r.get("memory_bytes")),
          String.join(",", strings(r.get("reach")))});
    }
    int[] width = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      width[i] = HEADERS[i].length();
    }
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    int before = 0;
    for (int i = 0; i < width.length - 1; i++) {
      before += width[i] + 2;
    }
    int room = Math.max(HEADERS[HEADERS.length - 1].length(), columns - before);
    for (String[] c : cells) {
      String ports = c[c.length - 1];
      if (ports.length() > room) {
        c[c.length - 1] = ports.substring(0, room - 1) + "…";
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, HEADERS, width, null);
    for (String[] c : cells) {
      line(b, c, width, ansi);
    }
    for (String n : notes) {
      b.append(ansi.yellow("! " + n)).append('\n');
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String[] c, int[] width, Ansi ansi) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String text = c[i];
      boolean last = i == c.length - 1;
      String shown = ansi != null && i == 3 ? ansi.status(text) : text;
      l.append(shown);
      if (!last) {
        l.append(" ".repeat(width[i] - text.length() + 2));
      }
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? (List<String>) l : List.of();
  }
}
