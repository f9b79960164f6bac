package dev.stack.model.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in stack files: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1m30s}, or {@code 0}. */
public final class DurationParser {

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,9}(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
  private static final String EXPECTED = "a duration like 500ms or 10s";

  private DurationParser() {}

  /** Parses {@code text}; a bare number other than 0 is refused, since its unit would be a guess. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.matches("[0-9]+")) {
      throw BadValueException.expected(EXPECTED, text, "add a unit: " + t + "s or " + t + "ms");
    }
    if (!WHOLE.matcher(t).matches()) {
      throw BadValueException.expected(EXPECTED, text, "durations are whole numbers with ms, s, m or h, e.g. 1m30s");
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return d;
  }
}
