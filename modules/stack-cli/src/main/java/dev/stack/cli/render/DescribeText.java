package dev.stack.cli.render;

import dev.stack.core.render.Ansi;
import dev.stack.core.render.Units;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code stack describe} as text: sections a person reads top to bottom. */
public final class DescribeText {

  private DescribeText() {}

  @SuppressWarnings("unchecked")
  public static String render(Map<String, Object> d, Ansi ansi) {
    StringBuilder b = new StringBuilder();
    b.append(ansi.bold("Service " + d.get("service"))).append(" of stack ").append(d.get("stack"))
        .append(" (profile ").append(d.get("profile")).append(")\n\n");
    for (Object o : (List<Object>) d.get("instances")) {
      Map<String, Object> i = (Map<String, Object>) o;
      b.append("Instance ").append(i.get("instance")).append(": ").append(ansi.status(String.valueOf(i.get("status"))))
          .append(" on ").append(i.get("backend"));
      if (i.get("id") != null) {
        b.append(", ").append("native".equals(i.get("backend")) ? "pid " : "container ").append(i.get("id"));
      }
      b.append('\n');
      line(b, "uptime", Units.duration((Number) i.get("uptime_ms")));
      line(b, "restarts", String.valueOf(i.get("restarts")));
      line(b, "last exit", i.get("last_exit"));
      line(b, "cpu / memory", Units.percent((Number) i.get("cpu_percent")) + " / " + Units.bytes((Number) i.get("memory_bytes")));
      if (Boolean.TRUE.equals(i.get("limits"))) {
        Object enforced = i.get("limits_enforced");
        line(b, "limits", Boolean.TRUE.equals(enforced) ? "enforced (" + i.get("enforcement") + ")"
            : "NOT enforced (" + i.get("enforcement") + ")");
      }
      line(b, "last error", i.get("last_error"));
      if (i.get("handle") instanceof Map<?, ?> h && !h.isEmpty()) {
        line(b, "handle", handle(h));
      }
      if (i.get("processes") instanceof List<?> p && !p.isEmpty()) {
        line(b, "processes", p.stream().map(String::valueOf).collect(Collectors.joining(" ")));
      }
      List<Object> restarts = (List<Object>) i.getOrDefault("restart_history", List.of());
      if (!restarts.isEmpty()) {
        b.append("  restart history:\n");
        for (Object r : restarts) {
          Map<String, Object> e = (Map<String, Object>) r;
          b.append("    ").append(e.get("at")).append("  ").append(e.get("exit")).append(" after ")
              .append(Units.duration((Number) e.get("uptime_ms"))).append(" -> ").append(e.get("decision")).append('\n');
        }
      }
      List<Object> probes = (List<Object>) i.getOrDefault("health_history", List.of());
      if (!probes.isEmpty()) {
        b.append("  health history (latest last):\n");
        for (Object p : probes.subList(Math.max(0, probes.size() - 5), probes.size())) {
          Map<String, Object> e = (Map<String, Object>) p;
          b.append("    ").append(e.get("at")).append("  ").append(Boolean.TRUE.equals(e.get("ok")) ? "ok  " : "FAIL")
              .append("  ").append(e.get("detail")).append('\n');
        }
      }
      b.append('\n');
    }
    b.append("Logs: ").append(d.get("logs")).append('\n');
    b.append("\nDefinition (resolved, secrets masked):\n");
    yaml(b, (Map<String, Object>) d.get("definition"), "  ");
    return b.toString();
  }

  /**
   * {@code pid 7756, pgid 7756, start 1091747} or {@code container 29f5..., name shop-web-1}: the
   * handle's fields, the process or container first, without the cgroup's encoded form (the limits
   * line says how they are enforced).
   */
  private static String handle(Map<?, ?> h) {
    return h.entrySet().stream().filter(e -> !"cgroup".equals(e.getKey()))
        .sorted(java.util.Comparator.comparing(e -> !List.of("pid", "container").contains(e.getKey())))
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static void line(StringBuilder b, String key, Object value) {
    if (value != null) {
      b.append(String.format("  %-13s %s%n", key + ":", value));
    }
  }

  @SuppressWarnings("unchecked")
  private static void yaml(StringBuilder b, Map<String, Object> m, String indent) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
        b.append(indent).append(e.getKey()).append(":\n");
        yaml(b, (Map<String, Object>) sub, indent + "  ");
      } else {
        b.append(indent).append(e.getKey()).append(": ").append(v).append('\n');
      }
    }
  }
}
