package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads from a positioned tree that record a {@link Problem} instead of stopping, so binding
 * reports everything wrong at once. A read that fails returns null; callers fall back to defaults
 * and go on.
 */
final class TreeReader {

  /** Keys users bring from Compose, and what the stack file calls them. */
  private static final Map<String, String> COMPOSE_KEYS = Map.of(
      "environment", "env",
      "working_dir", "workdir",
      "healthcheck", "health",
      "stop_signal", "stop: {signal: ...}",
      "stop_grace_period", "stop: {timeout: ...}",
      "mem_limit", "resources: {memory: ...}",
      "deploy", "replicas and resources",
      "container_name", "the service's name (containers are named after it)",
      "profiles", "replicas: 0 here, and replicas: 1 in the profile that runs it"
          + " (profiles: {P: {extends: dev, services: {SERVICE: {replicas: 1}}}})");

  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void report(Mark mark, String path, String message, String hint) {
    problems.add(new Problem(mark, path, message, hint));
  }

  static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  /** How a node is shown after "got": the text of a scalar, else its kind. */
  static String got(Node node) {
    if (node instanceof ScalarNode s) {
      return switch (s.type()) {
        case STRING -> BadValueException.quote(s.value());
        case NULL -> "nothing (null)";
        default -> s.value();
      };
    }
    return node.describe();
  }

  void expected(Node node, String path, String what, String hint) {
    report(node.mark(), path, "expected " + what + ", got " + got(node), hint);
  }

  /** Reports every key not in {@code known}, suggesting the nearest; {@code x-} keys are ignored. */
  void keys(MapNode map, String path, List<String> known) {
    for (MapNode.Entry e : map.entries().values()) {
      String key = e.key();
      if (known.contains(key) || key.startsWith("x-")) {
        continue;
      }
      String near = Suggestions.nearest(key, known);
      String hint;
      if (near != null) {
        hint = "did you mean '" + near + "'?";
      } else if (COMPOSE_KEYS.containsKey(key) && known.contains("command")) {
        hint = "stack files call it " + COMPOSE_KEYS.get(key);
      } else {
        hint = "known keys here: " + String.join(", ", known) + " (or x-... for your own)";
      }
      report(e.keyMark(), join(path, key), "unknown key '" + key + "'", hint);
    }
  }

  /** Entries of a map that are not {@code x-} extensions. */
  static List<MapNode.Entry> entries(MapNode map) {
    return map.entries().values().stream().filter(e -> !e.key().startsWith("x-")).toList();
  }

  MapNode map(Node node, String path, String what) {
    if (node instanceof MapNode m) {
      return m;
    }
    expected(node, path, what, null);
    return null;
  }

  /** Calls {@code each} with every item of a list and its path; nothing when absent, a problem when not a list. */
  void eachItem(Node node, String path, String what, java.util.function.BiConsumer<Node, String> each) {
    SeqNode seq = node == null ? null : list(node, path, what);
    if (seq != null) {
      for (int i = 0; i < seq.items().size(); i++) {
        each.accept(seq.items().get(i), item(path, i));
      }
    }
  }

  /**
   * A nested settings map with its keys checked; null when absent or not a map (reported as not
   * being {@code what}).
   */
  MapNode section(Node node, String path, String what, List<String> keys) {
    MapNode map = node == null ? null : map(node, path, what);
    if (map != null) {
      keys(map, path, keys);
    }
    return map;
  }

  SeqNode list(Node node, String path, String what) {
    if (node instanceof SeqNode s) {
      return s;
    }
    expected(node, path, what, node instanceof ScalarNode s && !s.isNull() && !s.value().contains(",")
        ? "write a list of one: [" + s.value() + "]" : null);
    return null;
  }

  /** The text of a non-null scalar; numbers and booleans as written. */
  String string(Node node, String path) {
    if (node instanceof ScalarNode s && !s.isNull()) {
      return s.value();
    }
    expected(node, path, "a string", null);
    return null;
  }

  /** A non-empty string scalar. */
  String nonEmpty(Node node, String path, String what) {
    String s = string(node, path);
    if (s != null && s.isBlank()) {
      report(node.mark(), path, "expected " + what + ", got an empty string", null);
      return null;
    }
    return s;
  }

  /** A whole number in [min, max]; a string holding one counts (it may come from ${VAR}). */
  Integer integer(Node node, String path, long min, long max) {
    if (!(node instanceof ScalarNode s) || s.isNull() || !s.value().strip().matches("[-+]?[0-9]{1,12}")) {
      expected(node, path, "a whole number", null);
      return null;
    }
    long v = Long.parseLong(s.value().strip());
    if (v < min || v > max) {
      report(node.mark(), path, "expected a number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
          + ", got " + v, null);
      return null;
    }
    return (int) v;
  }

  Double number(Node node, String path) {
    if (node instanceof ScalarNode s && !s.isNull()) {
      try {
        double d = Double.parseDouble(s.value().strip());
        if (Double.isFinite(d) && s.value().strip().matches("[-+]?[0-9.eE+-]+")) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    expected(node, path, "a number", null);
    return null;
  }

  /** YAML 1.2 booleans: only true and false. */
  Boolean bool(Node node, String path) {
    if (node instanceof ScalarNode s && (s.value().equals("true") || s.value().equals("false"))) {
      return Boolean.valueOf(s.value());
    }
    expected(node, path, "true or false", node instanceof ScalarNode s && !s.isNull()
        ? "YAML 1.2 booleans are only true and false" : null);
    return null;
  }

  /** A list of strings, or a single string as a one-item list. */
  List<String> strings(Node node, String path, boolean singleAllowed) {
    if (singleAllowed && node instanceof ScalarNode) {
      String s = string(node, path);
      return s == null ? null : List.of(s);
    }
    SeqNode seq = list(node, path, singleAllowed ? "a string or a list of strings" : "a list of strings");
    if (seq == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String s = string(seq.items().get(i), item(path, i));
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** A scalar parsed by {@code parser}; a non-scalar is reported as not being {@code what}. */
  <T> T parse(Node node, String path, String what, Function<String, T> parser) {
    if (!(node instanceof ScalarNode s) || s.isNull()) {
      expected(node, path, what, null);
      return null;
    }
    try {
      return parser.apply(s.value());
    } catch (BadValueException e) {
      report(node.mark(), path, e.getMessage(), e.hint());
      return null;
    }
  }

  /** A command or entrypoint: a list, or a string split like a shell. */
  List<String> argv(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof ScalarNode s && !s.isNull()) {
      List<String> words = parse(node, path, "a command", CommandLine::split);
      return words == null ? List.of() : words;
    }
    List<String> list = strings(node, path, false);
    return list == null ? List.of() : list;
  }
}
