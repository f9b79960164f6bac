package dev.stack.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The short forms in tables, and the rounding they share with String.format. */
class UnitsTest {

  @Test
  void fixedRoundsAsStringFormatDoes() {
    double[] edges = {0, 0.05, 0.15, 0.25, 1.15, 1.25, 2.675, 9.95, 9.949999, 12.5, 99.5, 1023.5, 1e-7, 123456.789};
    for (double v : edges) {
      for (int d = 0; d <= 2; d++) {
        assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Units.fixed(v, d), v + " with " + d);
      }
    }
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      double v = random.nextDouble() * Math.pow(10, random.nextInt(7));
      int d = random.nextInt(3);
      assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Units.fixed(v, d), v + " with " + d);
    }
  }

  @Test
  void bytesPercentAndDurations() {
    assertEquals("512K", Units.bytes(512 * 1024));
    assertEquals("1.6M", Units.bytes(1_677_722));
    assertEquals("201M", Units.bytes(201L * 1024 * 1024));
    assertEquals("1.86G", Units.bytes(2_000_000_000L));
    assertEquals("0.3%", Units.percent(0.3));
    assertEquals("13%", Units.percent(12.5));
    assertEquals("-", Units.percent(null));
    assertEquals("45s", Units.duration(45_000));
    assertEquals("3m", Units.duration(185_000));
  }
}
