package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders records for a terminal or a pipe, as {@code stack logs} prints them:
 *
 * <pre>
 * api   | listening on :8080
 * api-2 | listening on :8081
 * db    ! FATAL: role "shop" does not exist
 * </pre>
 *
 * The name is padded to the longest one; stderr lines take {@code !} instead of {@code |} (red
 * with colour), so they stand out in a pipe too. With colour each name gets the next colour of a
 * palette without red. Timestamps (UTC, ms) go after the separator, as Compose puts them. The JSON
 * form is one object per line: {@code {"time":"2026-11-26T05:41:10.123Z","service":"api",
 * "instance":1,"stream":"out","message":"..."}}.
 */
public final class LogFormatter {

  /**
   * How to render.
   *
   * @param color ANSI colours (only when asked: a terminal, no {@code NO_COLOR})
   * @param timestamps the time of each line ({@code -t})
   * @param prefix the {@code name |} prefix ({@code --no-prefix} turns it off)
   * @param json one JSON object per line; the other options do not apply
   */
  public record Options(boolean color, boolean timestamps, boolean prefix, boolean json) {

    /** Prefix, no colour, no timestamps. */
    public static final Options PLAIN = new Options(false, false, true, false);
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String[] PALETTE = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};
  private static final String RED = "31";
  private static final String RESET = "\u001b[0m";

  private final Options options;
  private final Map<String, String> colors = new HashMap<>();
  private int width;

  /** A formatter that pads to the longest of {@code names} (display names, e.g. {@code api-2}). */
  public LogFormatter(Options options, Collection<String> names) {
    this.options = options;
    names.forEach(this::colorOf);
  }

  /** One record as one line, without the newline. */
  public String format(LogRecord r) {
    if (options.json()) {
      return json(r);
    }
    StringBuilder sb = new StringBuilder(r.message().length() + 48);
    boolean err = r.stream() == Stream.ERR;
    if (options.prefix()) {
      String name = r.displayName();
      String color = colorOf(name);
      paint(sb, color, name);
      sb.append(" ".repeat(width - name.length())).append(' ');
      paint(sb, err ? RED : color, err ? "!" : "|");
      sb.append(' ');
    }
    if (options.timestamps()) {
      sb.append(TIME.format(r.time())).append(' ');
    }
    return sb.append(r.message()).toString();
  }

  private String colorOf(String name) {
    width = Math.max(width, name.length());
    return colors.computeIfAbsent(name, n -> PALETTE[colors.size() % PALETTE.length]);
  }

  private void paint(StringBuilder sb, String color, String text) {
    if (options.color()) {
      sb.append("\u001b[").append(color).append('m').append(text).append(RESET);
    } else {
      sb.append(text);
    }
  }

  private static String json(LogRecord r) {
    StringBuilder sb = new StringBuilder(r.message().length() + 96);
    sb.append("{\"time\":\"").append(TIME.format(r.time()))
        .append("\",\"service\":");
    quote(sb, r.service());
    sb.append(",\"instance\":").append(r.instance())
        .append(",\"stream\":\"").append(LogFormat.word(r.stream()))
        .append("\",\"message\":");
    quote(sb, r.message());
    return sb.append('}').toString();
  }

  /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
