package dev.stack.cli.render;

import java.util.List;

/**
 * A one-line chart of recent samples, newest on the right: {@code ▁▂▂▅▇█▃▁}. Without Unicode
 * (a terminal whose encoding is not UTF-8) the levels are {@code _.-=+*#}.
 */
public final class Sparkline {

  private static final String BLOCKS = "▁▂▃▄▅▆▇█";
  private static final String ASCII = "_.-=+*#";

  private Sparkline() {}

  /**
   * @param samples oldest first; a null or NaN sample (not running then) shows as a space
   * @param top the value drawn as the highest level; values above it are drawn at it
   * @param width how many samples to show (the newest); fewer samples are padded on the left
   */
  public static String of(List<Double> samples, double top, int width, boolean unicode) {
    String levels = unicode ? BLOCKS : ASCII;
    StringBuilder b = new StringBuilder(width);
    int from = Math.max(0, samples.size() - width);
    b.append(" ".repeat(Math.max(0, width - (samples.size() - from))));
    for (Double v : samples.subList(from, samples.size())) {
      if (v == null || v.isNaN()) {
        b.append(' ');
      } else {
        double share = top <= 0 ? 0 : Math.min(1, Math.max(0, v / top));
        b.append(levels.charAt((int) Math.round(share * (levels.length() - 1))));
      }
    }
    return b.toString();
  }

  /** The largest sample, or 0 when there is none. */
  public static double max(List<Double> samples) {
    double max = 0;
    for (Double v : samples) {
      if (v != null && !v.isNaN()) {
        max = Math.max(max, v);
      }
    }
    return max;
  }
}
