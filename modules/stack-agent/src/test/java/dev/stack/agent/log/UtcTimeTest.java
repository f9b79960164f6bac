package dev.stack.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class UtcTimeTest {

  @Test
  void writesWhatInstantWritesAlwaysWithMilliseconds() {
    long[] samples = {0L, 1L, 999L, 86_399_999L, 951_782_400_000L /* 2000-02-29 */, 1_795_714_592_185L,
        4_102_444_800_000L /* 2100-01-01 */, 253_402_300_799_999L /* 9999-12-31T23:59:59.999 */};
    for (long ms : samples) {
      assertEquals(expected(ms), format(ms), "at " + ms);
    }
    for (long ms = 0; ms < 4_000L * 86_400_000L * 365; ms += 86_400_000L * 7 + 3_601_001) {
      assertEquals(expected(ms), format(ms), "at " + ms);
    }
  }

  private static String format(long ms) {
    StringBuilder sb = new StringBuilder();
    UtcTime.append(ms, sb);
    return sb.toString();
  }

  private static String expected(long ms) {
    String s = Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.SECONDS).toString();
    return s.substring(0, s.length() - 1) + String.format(".%03dZ", ms % 1000);
  }
}
