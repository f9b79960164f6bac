package dev.stack.cli.render;

import java.util.Locale;

/** Short human forms for tables: {@code 45s}, {@code 3m}, {@code 2h}, {@code 12.4M}. */
public final class Units {

  private Units() {}

  /** {@code 45s}, {@code 3m}, {@code 2h}, {@code 3d}; "-" for null. */
  public static String duration(Number millis) {
    if (millis == null) {
      return "-";
    }
    long s = millis.longValue() / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86400) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  /** {@code 512K}, {@code 12.4M}, {@code 1.5G}; "-" for null. */
  public static String bytes(Number bytes) {
    if (bytes == null) {
      return "-";
    }
    double b = bytes.doubleValue();
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0fK", b / 1024);
    }
    if (b < 100L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1fM", b / (1024 * 1024));
    }
    if (b < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.0fM", b / (1024 * 1024));
    }
    return String.format(Locale.ROOT, "%.2fG", b / (1024L * 1024 * 1024));
  }

  /** {@code 0.3%}, {@code 99%}; "-" for null. */
  public static String percent(Number p) {
    if (p == null) {
      return "-";
    }
    double v = p.doubleValue();
    return v < 10 ? String.format(Locale.ROOT, "%.1f%%", v) : String.format(Locale.ROOT, "%.0f%%", v);
  }
}
