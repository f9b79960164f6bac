package dev.stack.core.diff;

import dev.stack.model.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How canonical values read in text: plain scalars bare, lists as compact JSON with spaces. */
final class Values {

  private Values() {}

  /** {@code postgres:16}, {@code 10}, {@code true}, {@code ["8080:8080"]}, {@code ""}. */
  static String display(Object value) {
    if (value instanceof String s) {
      return bare(s) ? s : Json.compact(s);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Values::json).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> Json.compact(String.valueOf(e.getKey())) + ": " + json(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return Json.compact(value);
  }

  private static String json(Object value) {
    return value instanceof List<?> || value instanceof Map<?, ?> ? display(value) : Json.compact(value);
  }

  /** A string reads unquoted unless quoting is what tells it apart (empty, edge spaces, the arrow). */
  private static boolean bare(String s) {
    return !s.isEmpty() && s.strip().equals(s) && !s.contains("=>") && s.chars().noneMatch(c -> c < 0x20);
  }
}
