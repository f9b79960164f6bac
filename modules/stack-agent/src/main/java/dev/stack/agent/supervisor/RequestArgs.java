package dev.stack.agent.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of a request (the agent protocol's JSON, as plain maps; a state file's
 * entries are read the same way): a missing or mistyped one reads as absent, and the operation
 * decides what absent means.
 */
final class RequestArgs {

  private RequestArgs() {}

  /** The value under {@code key} as text, or null. */
  static String str(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v == null ? null : v.toString();
  }

  /** The list of strings under {@code key}, or an empty one. */
  @SuppressWarnings("unchecked")
  static List<String> strings(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  /** The caller's environment under {@code env}, or an empty one. */
  @SuppressWarnings("unchecked")
  static Map<String, String> env(Map<String, Object> args) {
    Object v = args.get("env");
    return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  /**
   * The stack request under {@code file}, {@code source}, {@code profile}, {@code sets} and
   * {@code env}: a {@code down}'s arguments, or the {@code request} of a state file.
   */
  static StackRequest stackRequest(Map<String, Object> args) {
    return new StackRequest(str(args, "file"), str(args, "source"), str(args, "profile"), strings(args, "sets"), env(args));
  }

  /** How long to wait for readiness: {@code wait_timeout_ms}, else {@link Supervisor#DEFAULT_WAIT}. */
  static Duration waitTimeout(Map<String, Object> args) {
    return args.get("wait_timeout_ms") instanceof Number n ? Duration.ofMillis(n.longValue()) : Supervisor.DEFAULT_WAIT;
  }
}
