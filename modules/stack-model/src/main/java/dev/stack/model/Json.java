package dev.stack.model;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Pretty JSON text of plain values. STUB: replaced by the model work. */
public final class Json {

  private Json() {}

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as indented JSON. */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b, "");
    return b.toString();
  }

  private static void write(Object v, StringBuilder b, String indent) {
    if (v instanceof Map<?, ?> map) {
      items(map.entrySet().iterator(), b, indent, '{', '}', (e, in) -> {
        string(String.valueOf(e.getKey()), b);
        b.append(": ");
        write(e.getValue(), b, in);
      });
    } else if (v instanceof List<?> list) {
      items(list.iterator(), b, indent, '[', ']', (e, in) -> write(e, b, in));
    } else if (v == null || v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else {
      string(v.toString(), b);
    }
  }

  private interface Item<T> {
    void write(T item, String indent);
  }

  private static <T> void items(Iterator<T> it, StringBuilder b, String indent, char open, char close, Item<T> item) {
    b.append(open);
    if (!it.hasNext()) {
      b.append(close);
      return;
    }
    String inner = indent + "  ";
    while (it.hasNext()) {
      b.append('\n').append(inner);
      item.write(it.next(), inner);
      if (it.hasNext()) {
        b.append(',');
      }
    }
    b.append('\n').append(indent).append(close);
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    b.append('"');
  }
}
