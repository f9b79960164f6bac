package dev.stack.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ordered map form of a resolved stack, as {@code config} prints it and containers store it.
 * STUB: replaced by the model work; only the fields the CLI shows so far.
 */
public final class Canonical {

  /** How secrets appear: masked for people, hashed for labels. */
  public enum Mode { MASKED, HASHED }

  private Canonical() {}

  /** The stack as an ordered map of plain values (strings, numbers, booleans, lists, maps). */
  public static Map<String, Object> of(Stack stack, Mode mode) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", stack.name());
    root.put("profile", stack.profile());
    root.put("backend", stack.backend());
    Map<String, Object> services = new LinkedHashMap<>();
    stack.services().forEach((name, s) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("backend", s.backend());
      m.put("command", s.command());
      Map<String, Object> env = new LinkedHashMap<>();
      s.env().forEach((k, v) -> env.put(k, v.display()));
      m.put("env", env);
      services.put(name, m);
    });
    root.put("services", services);
    return root;
  }
}
