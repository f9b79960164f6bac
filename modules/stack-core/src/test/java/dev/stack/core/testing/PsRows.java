package dev.stack.core.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rows of a {@code ps} answer (the {@code --json} schema), with the fields its table shows. */
public final class PsRows {

  private PsRows() {}

  /** A row of stack {@code shop}; {@code enforced} null: no limits set. */
  public static Map<String, Object> row(String instance, String backend, String id, String status, Long uptime,
      int restarts, Double cpu, Long mem, List<String> reach, Boolean enforced) {
    Map<String, Object> r = new HashMap<>();
    r.put("stack", "shop");
    r.put("instance", instance);
    r.put("backend", backend);
    r.put("id", id);
    r.put("status", status);
    r.put("uptime_ms", uptime);
    r.put("restarts", restarts);
    r.put("cpu_percent", cpu);
    r.put("memory_bytes", mem);
    r.put("reach", reach);
    r.put("limits_enforced", enforced);
    r.put("enforcement", enforced == null ? null : "no cgroup delegation for uid 1000");
    return r;
  }
}
