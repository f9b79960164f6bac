package dev.stack.agent.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the answer lines of the protocol (see the package documentation). */
public final class Replies {

  /** The reason of an error answered to a CLI of another version. */
  public static final String VERSION_MISMATCH = "version-mismatch";

  private Replies() {}

  /** An event line: {@code {"event": type, ...fields}}. */
  public static Map<String, Object> event(String type, Map<String, ?> fields) {
    Map<String, Object> m = new LinkedHashMap<>(fields.size() + 2);
    m.put("event", type);
    m.putAll(fields);
    return m;
  }

  /** The final line of a success. */
  public static Map<String, Object> result(Map<String, ?> result) {
    Map<String, Object> m = new LinkedHashMap<>(2);
    m.put("result", result == null ? Map.of() : result);
    return m;
  }

  /** The final line of a failure; {@code hint} and {@code reason} may be null. */
  public static Map<String, Object> error(String message, String hint, int exit, String reason) {
    Map<String, Object> e = new LinkedHashMap<>(8);
    e.put("message", message);
    if (hint != null) {
      e.put("hint", hint);
    }
    e.put("exit", exit);
    if (reason != null) {
      e.put("reason", reason);
    }
    Map<String, Object> m = new LinkedHashMap<>(2);
    m.put("error", e);
    return m;
  }
}
