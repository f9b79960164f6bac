package dev.stack.core.render;

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
 * shows where each port is reached from this machine ({@code reach} of the row). When the table is
 * wider than the terminal, PORTS is cut first, then the gaps narrow to one space, then long names
 * are cut in the middle; the whole of each is in {@code ps --json}.
 */
public final class PsTable {

  private static final String[] HEADERS = {"NAME", "BACKEND", "ID", "STATUS", "UPTIME", "RESTARTS", "CPU", "MEM", "PORTS"};
  /** Names are never cut shorter than this, whatever the terminal's width. */
  private static final int NAME_MIN = 8;

  private PsTable() {}

  /**
   * @param rows the {@code instances} of the agent's ps answer
   * @param withStack prefix each name with its stack ({@code ps -a})
   */
  public static String render(List<Map<String, Object>> rows, boolean withStack, Ansi ansi) {
    return render(rows, withStack, ansi, 80);
  }

  /**
   * @param columns the terminal's width: the PORTS column, then the gaps, then the names are cut
   *     (with {@code …}) to fit it; all of them are in {@code ps --json} and {@code describe}
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
    // Too wide for the terminal even with PORTS cut to its header: one space between columns,
    // then names cut in the middle (ps -a keeps the instance and cuts the stack's name)
    int last = HEADERS.length - 1;
    int fixed = 0;
    for (int i = 0; i < last; i++) {
      fixed += width[i];
    }
    int portsMin = HEADERS[last].length();
    int gap = fixed + 2 * last + portsMin <= columns ? 2 : 1;
    int over = fixed + gap * last + portsMin - columns;
    if (over > 0 && width[0] > NAME_MIN) {
      width[0] = Math.max(NAME_MIN, width[0] - over);
      for (String[] c : cells) {
        c[0] = shorten(c[0], width[0]);
      }
    }
    int before = 0;
    for (int i = 0; i < last; i++) {
      before += width[i] + gap;
    }
    int room = Math.max(portsMin, columns - before);
    for (String[] c : cells) {
      String ports = c[last];
      if (ports.length() > room) {
        c[last] = ports.substring(0, room - 1) + "…";
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, HEADERS, width, gap, null);
    for (String[] c : cells) {
      line(b, c, width, gap, ansi);
    }
    for (String n : notes) {
      b.append(ansi.yellow("! " + n)).append('\n');
    }
    return b.toString();
  }

  /**
   * A name cut to {@code width} with {@code …}: for {@code stack/instance} the stack's part, else
   * the middle, so the end (and a {@code !} mark) stays.
   */
  static String shorten(String name, int width) {
    if (name.length() <= width) {
      return name;
    }
    int slash = name.indexOf('/');
    int head = slash > 0 ? width - 1 - (name.length() - slash) : -1;
    if (head < 1) {
      head = (width - 1) / 2;
    }
    int tail = width - 1 - head;
    return name.substring(0, head) + "…" + name.substring(name.length() - tail);
  }

  private static void line(StringBuilder b, String[] c, int[] width, int gap, Ansi ansi) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String text = c[i];
      boolean last = i == c.length - 1;
      String shown = ansi != null && i == 3 ? ansi.status(text) : text;
      l.append(shown);
      if (!last) {
        l.append(" ".repeat(width[i] - text.length() + gap));
      }
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return o instanceof List<?> l ? (List<String>) l : List.of();
  }
}
