package dev.stack.core.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
      return fixed(b / 1024, 0) + "K";
    }
    if (b < 100L * 1024 * 1024) {
      return fixed(b / (1024 * 1024), 1) + "M";
    }
    if (b < 1024L * 1024 * 1024) {
      return fixed(b / (1024 * 1024), 0) + "M";
    }
    return fixed(b / (1024L * 1024 * 1024), 2) + "G";
  }

  /** {@code 0.3%}, {@code 99%}; "-" for null. */
  public static String percent(Number p) {
    if (p == null) {
      return "-";
    }
    double v = p.doubleValue();
    return fixed(v, v < 10 ? 1 : 0) + "%";
  }

  /**
   * {@code v} with {@code decimals} digits, as {@code String.format("%.Nf")} prints it (half up, on
   * the shortest decimal form of the double) without the Formatter and the locale data it loads on
   * every {@code stack ps}.
   */
  static String fixed(double v, int decimals) {
    return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }
}
