package dev.stack.agent.log;

/**
 * Epoch milliseconds as {@code 2026-11-26T05:53:13.866Z} (ISO 8601 in UTC, always with the
 * milliseconds, so every line's time has one width), without java.time's formatter: about fifty
 * classes the agent would load only for its log.
 */
final class UtcTime {

  private UtcTime() {}

  static void append(long epochMillis, StringBuilder out) {
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
    // days since 1970-01-01 to a civil date (H. Hinnant's algorithm, proleptic Gregorian calendar)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2).append('T');
    pad(out, msOfDay / 3_600_000, 2).append(':');
    pad(out, msOfDay / 60_000 % 60, 2).append(':');
    pad(out, msOfDay / 1000 % 60, 2).append('.');
    pad(out, msOfDay % 1000, 3).append('Z');
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
