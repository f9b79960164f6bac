package dev.stack.model.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mapping, in the order written. Keys are plain strings (YAML allows others; the stack file does
 * not, and the reader rejects them); each key keeps its own mark so that "unknown key" errors point
 * at the key, not at its value.
 */
public record MapNode(Mark mark, Map<String, Entry> entries) implements Node {

  /** One key and its value, each with its place. */
  public record Entry(String key, Mark keyMark, Node value) {}

  public MapNode {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The value under {@code key}, or null. */
  public Node get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  @Override
  public String describe() {
    return "a map";
  }
}
