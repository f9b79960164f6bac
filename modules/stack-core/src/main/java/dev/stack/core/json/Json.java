package dev.stack.core.json;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small, dependency-free JSON codec for the agent protocol, state files and {@code --json}
 * output. It loads three classes, so the CLI's start-up stays lean.
 *
 * <p>Reading gives {@code Map<String,Object>} (a {@link java.util.LinkedHashMap}, keeping the
 * order of the text), {@code List<Object>}, {@code String}, {@code Long} (integers that fit),
 * {@code Double} (other numbers), {@code Boolean} and {@code null}. Writing accepts those and also
 * any {@link Number}, {@link CharSequence}, {@link Iterable}, array of objects, {@link Enum} (its
 * name) and {@link Map} with any keys (written with {@code toString()}).
 */
public final class Json {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Reads one JSON value; only whitespace may follow it.
   *
   * @throws JsonException naming what was expected and the character offset where it was not found
   */
  public static Object parse(CharSequence text) {
    return new JsonReader(text).readDocument();
  }

  /**
   * Reads a JSON object.
   *
   * @throws JsonException if the text is not valid JSON or its value is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(CharSequence text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new JsonException("expected a JSON object, got " + typeName(value), 0);
    }
    return (Map<String, Object>) value;
  }

  /** The value on one line, without spaces. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(64);
    write(value, sb, null, 0);
    return sb.toString();
  }

  /** The value indented by two spaces per level, keys followed by {@code ": "}, no final newline. */
  public static String writePretty(Object value) {
    StringBuilder sb = new StringBuilder(128);
    write(value, sb, "  ", 0);
    return sb.toString();
  }

  /** Appends the value, compact, to {@code out}. */
  public static void write(Object value, StringBuilder out) {
    write(value, out, null, 0);
  }

  /**
   * Appends {@code s} as a quoted JSON string. Runs of characters written as they are go in one
   * append each (a state file or an event is mostly such runs), the others one by one, escaped.
   */
  public static void quote(CharSequence s, StringBuilder out) {
    out.append('"');
    int len = s.length();
    int run = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        continue; // printable ASCII: the common case
      }
      String escape = escape(s, i, c);
      if (escape != null) {
        out.append(s, run, i).append(escape);
        run = i + 1;
      }
    }
    out.append(s, run, len);
    out.append('"');
  }

  /** How the character at {@code i} is written, or null if as it is. */
  private static String escape(CharSequence s, int i, char c) {
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      default:
        // U+2028/2029 are valid JSON but break JavaScript readers of our output; lone
        // surrogates would make the UTF-8 encoder emit '?', so escape them to keep them exact
        if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
          return new String(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
        }
        return null;
    }
  }

  private static boolean isLoneSurrogate(CharSequence s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void write(Object v, StringBuilder out, String indent, int level) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof CharSequence s) {
      quote(s, out);
    } else if (v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new JsonException("cannot write " + d + " as JSON", -1);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d).append(".0");
      } else {
        out.append(d);
      }
    } else if (v instanceof Number) {
      out.append(v);
    } else if (v instanceof Map<?, ?> map) {
      writeMap(map, out, indent, level);
    } else if (v instanceof Iterable<?> it) {
      writeList(it.iterator(), out, indent, level);
    } else if (v instanceof Object[] array) {
      writeList(Arrays.asList(array).iterator(), out, indent, level);
    } else if (v instanceof Enum<?> e) {
      quote(e.name(), out);
    } else if (v instanceof Character c) {
      quote(String.valueOf(c), out);
    } else {
      throw new JsonException("cannot write a " + v.getClass().getName() + " as JSON", -1);
    }
  }

  private static void writeMap(Map<?, ?> map, StringBuilder out, String indent, int level) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, level + 1);
      quote(String.valueOf(e.getKey()), out);
      out.append(indent == null ? ":" : ": ");
      write(e.getValue(), out, indent, level + 1);
    }
    newline(out, indent, level);
    out.append('}');
  }

  private static void writeList(Iterator<?> it, StringBuilder out, String indent, int level) {
    if (!it.hasNext()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, level + 1);
      write(it.next(), out, indent, level + 1);
    }
    newline(out, indent, level);
    out.append(']');
  }

  private static void newline(StringBuilder out, String indent, int level) {
    if (indent != null) {
      out.append('\n');
      for (int i = 0; i < level; i++) {
        out.append(indent);
      }
    }
  }

  private static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
