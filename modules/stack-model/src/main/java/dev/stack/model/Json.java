package dev.stack.model;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the nested maps, lists, strings, numbers and booleans of
 * {@link Canonical}: keys in the maps' own order, so equal values always print alike.
 */
public final class Json {

  private Json() {}

  /** Indented by two spaces, one entry per line, no trailing newline. */
  public static String pretty(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b, 0, true);
    return b.toString();
  }

  /** On one line without spaces: the form hashed by {@link Canonical#hash}. */
  public static String compact(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b, 0, false);
    return b.toString();
  }

  private static void write(Object v, StringBuilder b, int depth, boolean pretty) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(s, b);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      b.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
    } else if (v instanceof Map<?, ?> m) {
      container(m.entrySet(), '{', '}', b, depth, pretty, (e, out) -> {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
        string(String.valueOf(entry.getKey()), out);
        out.append(pretty ? ": " : ":");
        write(entry.getValue(), out, depth + 1, pretty);
      });
    } else if (v instanceof List<?> l) {
      container(l, '[', ']', b, depth, pretty, (e, out) -> write(e, out, depth + 1, pretty));
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private interface ItemWriter {
    void write(Object item, StringBuilder out);
  }

  private static void container(Iterable<?> items, char open, char close, StringBuilder b, int depth, boolean pretty,
      ItemWriter writer) {
    b.append(open);
    boolean first = true;
    for (Object item : items) {
      b.append(first ? "" : ",");
      if (pretty) {
        b.append('\n').append("  ".repeat(depth + 1));
      }
      writer.write(item, b);
      first = false;
    }
    if (pretty && !first) {
      b.append('\n').append("  ".repeat(depth));
    }
    b.append(close);
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
