package dev.stack.examples.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for flat objects, written and read by hand so the example needs nothing but the
 * JDK. Not a general parser: it reads top-level string and integer fields of small, trusted bodies.
 */
final class Json {

  private Json() {}

  /** {@code s} as a JSON string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A JSON array of already encoded elements. */
  static String array(List<String> elements) {
    return "[" + String.join(",", elements) + "]";
  }

  /** The string field {@code key} of a flat object, if present. */
  static Optional<String> string(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
  }

  /** The integer field {@code key} of a flat object, if present. */
  static Optional<Integer> integer(String json, String key) {
    Matcher m = integers(key).matcher(json);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** Every integer field named {@code key}, in order: the ids of a list of objects, for instance. */
  static List<Integer> integers(String json, String key) {
    List<Integer> values = new ArrayList<>();
    Matcher m = integers(key).matcher(json);
    while (m.find()) {
      values.add(Integer.parseInt(m.group(1)));
    }
    return values;
  }

  private static Pattern integers(String key) {
    return Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?\\d+)");
  }
}
