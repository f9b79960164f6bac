package dev.stack.agent.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of the CLI to the agent.
 *
 * @param op what to do ({@code ping}, {@code up}, ...)
 * @param version the CLI's {@link AgentVersion}
 * @param cwd the CLI's working folder, against which the request's relative paths resolve
 * @param args the op's arguments, never null
 */
public record Request(String op, String version, String cwd, Map<String, Object> args) {

  public Request {
    if (op == null || op.isBlank()) {
      throw new IllegalArgumentException("a request needs an op");
    }
    args = args == null ? Map.of() : args;
  }

  /** The request as a protocol message. */
  public Map<String, Object> toMessage() {
    Map<String, Object> m = new LinkedHashMap<>(8);
    m.put("op", op);
    m.put("version", version);
    m.put("cwd", cwd);
    m.put("args", args);
    return m;
  }

  /**
   * Reads a request message.
   *
   * @throws ProtocolException if a field is missing or of the wrong type
   */
  @SuppressWarnings("unchecked")
  public static Request fromMessage(Map<String, Object> m) throws ProtocolException {
    Object op = m.get("op");
    Object args = m.get("args");
    if (!(op instanceof String) || ((String) op).isBlank()) {
      throw new ProtocolException("a request needs a string \"op\"");
    }
    if (args != null && !(args instanceof Map)) {
      throw new ProtocolException("\"args\" of a request must be an object");
    }
    return new Request((String) op, stringOrNull(m, "version"), stringOrNull(m, "cwd"),
        (Map<String, Object>) args);
  }

  private static String stringOrNull(Map<String, Object> m, String key) throws ProtocolException {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) {
      throw new ProtocolException("\"" + key + "\" of a request must be a string");
    }
    return (String) v;
  }
}
