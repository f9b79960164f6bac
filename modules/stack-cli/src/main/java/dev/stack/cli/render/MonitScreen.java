package dev.stack.cli.render;

import dev.stack.core.render.Ansi;
import dev.stack.core.render.PsTable;
import dev.stack.core.render.Units;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The screen of {@code stack monit} as lines of text, from what was sampled: a pure function, so
 * tests see exactly what a user sees. Top to bottom:
 * <pre>
 * stack monit · hello · profile dev · 2 services
 *   NAME    BACKEND  ID     STATUS  UPTIME  RESTARTS  CPU   MEM    PORTS  CPU HISTORY  MEM HISTORY
 * > web     native   4123   online  3m      0         0.3%  45.2M  8081   ▁▁▂▁▅▁▁▁▁▁   ▇▇▇▇▇▇▇▇▇▇
 *   worker  native   4130   online  3m      1         0.0%  12.0M         ▁▁▁▁▁▁▁▁▁▁   ████████▇▇
 * ── web ── cpu 0.3% ▁▁▂▁▅▁▁▁ ── mem 45.2M ▇▇▇▇▇▇▇▇ ── logs ───────────────────────────────────────
 * 10:41:03.123 GET / 200
 * ...
 * web restarted
 * ↑/↓ j/k select   r restart   s stop   t start   q quit
 * </pre>
 * The table is {@link PsTable}'s, with the selected row marked {@code >} (and shown inverse with
 * colour); the history columns appear when the width leaves room for them. The table scrolls to
 * keep the selected row in view and leaves at least {@value #MIN_LOG_LINES} lines to the logs.
 */
public final class MonitScreen {

  /** Log lines kept on screen however many services there are (when the height allows). */
  static final int MIN_LOG_LINES = 3;
  /** The width of the history sparklines in the selected service's line. */
  static final int DETAIL_SPARK = 20;
  private static final int ROW_SPARK = 11;
  /** Narrower sparklines are left out. */
  private static final int MIN_SPARK = 4;
  private static final Pattern ESCAPE = Pattern.compile("\u001b\\[[0-9;]*m");

  private MonitScreen() {}

  /**
   * What was sampled.
   *
   * @param stack the stack's name
   * @param profile the profile it runs with; null when unknown
   * @param rows the {@code instances} of the agent's ps answer
   * @param selected the index of the selected row
   * @param history the samples so far
   * @param logs the last log lines of the selected row's service, formatted, oldest first
   * @param status the result of the last action, or what is under way; null for none
   * @param problem shown instead of the table when there are no rows: the stack is not running,
   *     or the agent could not be asked
   */
  public record View(String stack, String profile, List<Map<String, Object>> rows, int selected,
      MetricHistory history, List<String> logs, String status, String problem) {}

  /** The keys, as the footer shows them. */
  public static String footer(int width, boolean unicode) {
    if (width < 60) {
      return "j/k r=restart s=stop t=start q=quit";
    }
    return (unicode ? "↑/↓" : "up/down") + " j/k select   r restart   s stop   t start   q quit";
  }

  /** Exactly {@code height} lines, none wider than {@code width} columns. */
  public static List<String> render(View view, int width, int height, Ansi ansi, boolean unicode) {
    String dot = unicode ? " · " : " - ";
    List<String> top = new ArrayList<>();
    top.add(ansi.bold("stack monit" + dot + view.stack())
        + (view.profile() == null ? "" : dot + "profile " + view.profile())
        + dot + view.rows().size() + (view.rows().size() == 1 ? " service" : " services"));
    List<String> middle = new ArrayList<>();
    if (view.rows().isEmpty()) {
      top.add("");
      top.addAll(wrap(view.problem() == null ? "no services" : view.problem(), width));
    } else {
      int selected = Math.max(0, Math.min(view.selected(), view.rows().size() - 1));
      table(top, view, selected, width, height, ansi, unicode);
      top.add(detail(view, selected, width, ansi, unicode));
      middle.addAll(view.logs().isEmpty() ? List.of(ansi.dim("(no log lines yet)")) : view.logs());
    }
    String status = view.status() == null ? "" : view.status();
    List<String> bottom = List.of(status.startsWith("error:") ? ansi.red(status) : status,
        ansi.dim(footer(width, unicode)));
    List<String> lines = new ArrayList<>(top.subList(0, Math.min(top.size(), Math.max(0, height - bottom.size()))));
    int logRoom = Math.max(0, height - bottom.size() - lines.size());
    lines.addAll(middle.subList(Math.max(0, middle.size() - logRoom), middle.size()));
    while (lines.size() < height - bottom.size()) {
      lines.add("");
    }
    lines.addAll(bottom.subList(Math.max(0, bottom.size() - height), bottom.size()));
    lines.replaceAll(l -> cut(l, width));
    return lines;
  }

  /** The header, the rows that fit (scrolled to the selected one), and PsTable's notes that fit. */
  private static void table(List<String> out, View view, int selected, int width, int height, Ansi ansi,
      boolean unicode) {
    List<Map<String, Object>> rows = view.rows();
    List<String> plain = Arrays.asList(PsTable.render(rows, false, Ansi.OFF, width - 2).split("\n"));
    List<String> shown = Arrays.asList(PsTable.render(rows, false, ansi, width - 2).split("\n"));
    int tableWidth = plain.stream().mapToInt(String::length).max().orElse(0);
    int spark = Math.min(ROW_SPARK, (width - 2 - tableWidth - 4) / 2);
    int fixed = 1 + 1 + 1 + 2; // title, header, detail line, status and footer
    int room = Math.max(1, height - fixed - MIN_LOG_LINES);
    int count = Math.min(rows.size(), room);
    int first = Math.max(0, Math.min(selected - count + 1, rows.size() - count));
    boolean wide = spark >= "CPU HISTORY".length();
    out.add("  " + (spark < MIN_SPARK ? shown.get(0) : pad(shown.get(0), tableWidth)
        + "  " + pad(wide ? "CPU HISTORY" : "CPU~", spark) + "  " + (wide ? "MEM HISTORY" : "MEM~")));
    for (int i = first; i < first + count; i++) {
      String instance = String.valueOf(rows.get(i).get("instance"));
      String line = shown.get(i + 1);
      if (spark >= MIN_SPARK) {
        List<Double> cpu = view.history().cpu(instance);
        List<Double> memory = view.history().memory(instance);
        line = pad(line, tableWidth) + "  " + Sparkline.of(cpu, cpuTop(cpu), spark, unicode)
            + "  " + Sparkline.of(memory, Sparkline.max(memory), spark, unicode);
      }
      if (i == selected) {
        out.add(ansi.enabled() ? "\u001b[7m" + pad("> " + line.replace("\u001b[0m", "\u001b[0;7m"), width) + "\u001b[0m"
            : "> " + line);
      } else {
        out.add("  " + line);
      }
    }
    int notes = shown.size() - 1 - rows.size();
    int noteRoom = Math.max(0, height - fixed - count - MIN_LOG_LINES);
    for (int i = 0; i < Math.min(notes, noteRoom); i++) {
      out.add("  " + shown.get(1 + rows.size() + i));
    }
  }

  /** The selected instance's figures with their history, ruling off the logs of its service. */
  private static String detail(View view, int selected, int width, Ansi ansi, boolean unicode) {
    Map<String, Object> row = view.rows().get(selected);
    String instance = String.valueOf(row.get("instance"));
    String rule = unicode ? "─" : "-";
    String cpu = "cpu " + Units.percent((Number) row.get("cpu_percent"));
    String mem = "mem " + Units.bytes((Number) row.get("memory_bytes"));
    String head = rule + rule + " " + instance + " " + rule + rule + " ";
    String logs = " " + rule + rule + " logs ";
    int text = head.length() + cpu.length() + 1 + 4 + mem.length() + 1 + logs.length();
    int spark = Math.min(DETAIL_SPARK, (width - text) / 2);
    StringBuilder b = new StringBuilder(head).append(cpu);
    if (spark >= MIN_SPARK) {
      List<Double> cpus = view.history().cpu(instance);
      b.append(' ').append(Sparkline.of(cpus, cpuTop(cpus), spark, unicode));
    }
    b.append(' ').append(rule).append(rule).append(' ').append(mem);
    if (spark >= MIN_SPARK) {
      List<Double> memory = view.history().memory(instance);
      b.append(' ').append(Sparkline.of(memory, Sparkline.max(memory), spark, unicode));
    }
    b.append(logs);
    b.append(rule.repeat(Math.max(0, width - b.length())));
    return ansi.bold(b.toString());
  }

  /** CPU is drawn against its recent peak, but at least 5% of a core: an idle service stays low. */
  private static double cpuTop(List<Double> samples) {
    return Math.max(5, Sparkline.max(samples));
  }

  /** Plain text in lines of at most {@code width} columns, broken at spaces where it can be. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    String rest = text;
    while (rest.length() > width) {
      int at = rest.lastIndexOf(' ', width);
      int cut = at > 0 ? at : width;
      lines.add(rest.substring(0, cut));
      rest = rest.substring(at > 0 ? cut + 1 : cut);
    }
    lines.add(rest);
    return lines;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - visible(s)));
  }

  /** The number of columns a line takes: its characters without ANSI colour codes. */
  static int visible(String s) {
    return ESCAPE.matcher(s).replaceAll("").length();
  }

  /** The line cut to {@code width} columns, colour codes kept (and reset when cut). */
  static String cut(String s, int width) {
    if (visible(s) <= width) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < s.length() && shown < width; ) {
      java.util.regex.Matcher m = ESCAPE.matcher(s).region(i, s.length());
      if (m.lookingAt()) {
        b.append(m.group());
        i = m.end();
      } else {
        b.append(s.charAt(i++));
        shown++;
      }
    }
    return s.contains("\u001b[") ? b.append("\u001b[0m").toString() : b.toString();
  }
}
