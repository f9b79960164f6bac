package dev.stack.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A recursive-descent reader of one JSON text (RFC 8259); see {@link Json#parse(CharSequence)}. */
final class JsonReader {

  /** Deep enough for any document of ours, shallow enough to never overflow a 256k stack. */
  private static final int MAX_DEPTH = 512;

  private final CharSequence in;
  private int pos;
  private int depth;

  JsonReader(CharSequence in) {
    this.in = in;
  }

  Object readDocument() {
    skipSpace();
    Object value = readValue();
    skipSpace();
    if (pos < in.length()) {
      throw error("unexpected " + describe(in.charAt(pos)) + " after the value");
    }
    return value;
  }

  private Object readValue() {
    if (pos >= in.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{':
        return readObject();
      case '[':
        return readArray();
      case '"':
        return readString();
      case 't':
        return readWord("true", Boolean.TRUE);
      case 'f':
        return readWord("false", Boolean.FALSE);
      case 'n':
        return readWord("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return readNumber();
        }
        throw error("unexpected " + describe(c) + ", expected a value");
    }
  }

  private Map<String, Object> readObject() {
    enter();
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error(pos >= in.length() ? "unexpected end of input, expected a key"
            : "unexpected " + describe(in.charAt(pos)) + ", expected a key in double quotes");
      }
      String key = readString();
      skipSpace();
      expect(':');
      skipSpace();
      map.put(key, readValue());
      skipSpace();
      char c = next("',' or '}'");
      if (c == '}') {
        depth--;
        return map;
      }
      if (c != ',') {
        throw error(pos - 1, "unexpected " + describe(c) + ", expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray() {
    enter();
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(readValue());
      skipSpace();
      char c = next("',' or ']'");
      if (c == ']') {
        depth--;
        return list;
      }
      if (c != ',') {
        throw error(pos - 1, "unexpected " + describe(c) + ", expected ',' or ']'");
      }
    }
  }

  private String readString() {
    int start = ++pos;
    // fast path: no escapes
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '"') {
        return in.subSequence(start, pos++).toString();
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder().append(in, start, pos);
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error(pos - 1, "control character " + describe(c) + " in a string must be escaped");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next("an escape");
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(readHex4());
        default -> throw error(pos - 1, "invalid escape \\" + e);
      }
    }
  }

  private char readHex4() {
    if (pos + 4 > in.length()) {
      throw error("unterminated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(in.charAt(pos + i), 16);
      if (d < 0) {
        throw error(pos + i, "invalid hex digit " + describe(in.charAt(pos + i)) + " in \\u escape");
      }
      v = v << 4 | d;
    }
    pos += 4;
    return (char) v;
  }

  private Object readNumber() {
    int start = pos;
    boolean integral = true;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number, expected a digit");
    }
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number, expected a digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number, expected a digit in the exponent");
      }
      digits();
    }
    String text = in.subSequence(start, pos).toString();
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException beyondLong) {
        return Double.parseDouble(text);
      }
    }
    return Double.parseDouble(text);
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private Object readWord(String word, Object value) {
    if (pos + word.length() > in.length()
        || !in.subSequence(pos, pos + word.length()).toString().equals(word)) {
      throw error("unexpected " + describe(in.charAt(pos)) + ", expected a value");
    }
    pos += word.length();
    return value;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
  }

  private void skipSpace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private char next(String expected) {
    if (pos >= in.length()) {
      throw error("unexpected end of input, expected " + expected);
    }
    return in.charAt(pos++);
  }

  private void expect(char c) {
    char got = next("'" + c + "'");
    if (got != c) {
      throw error(pos - 1, "unexpected " + describe(got) + ", expected '" + c + "'");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String describe(char c) {
    return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private JsonException error(String message) {
    return error(pos, message);
  }

  private static JsonException error(int at, String message) {
    return new JsonException(message, at);
  }
}
