package dev.stack.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparklineTest {

  @Test
  void eachSampleIsALevelBetweenZeroAndTheTopNewestOnTheRight() {
    assertEquals("▁▂▃▄▅▆▇█", Sparkline.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), 7, 8, true));
    assertEquals("_.-=+*#", Sparkline.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 6, 7, false));
    assertEquals("██", Sparkline.of(List.of(9.0, 100.0), 5, 2, true), "above the top is drawn at the top");
  }

  @Test
  void fewSamplesArePaddedOnTheLeftManyAreCutToTheNewestAndGapsAreSpaces() {
    assertEquals("   ▁█", Sparkline.of(List.of(0.0, 4.0), 4, 5, true));
    assertEquals("▁█", Sparkline.of(List.of(4.0, 4.0, 0.0, 4.0), 4, 2, true));
    assertEquals("█ █", Sparkline.of(Arrays.asList(1.0, Double.NaN, 1.0), 1, 3, true));
    assertEquals(4.0, Sparkline.max(Arrays.asList(1.0, Double.NaN, 4.0, null)));
  }

  @Test
  void theHistoryKeepsAGapForAnInstanceNotRunningAndOnlyTheLatestSamples() {
    MetricHistory history = new MetricHistory();
    for (int i = 0; i < MetricHistory.KEPT + 5; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("instance", "web");
      row.put("cpu_percent", i % 2 == 0 ? (double) i : null);
      row.put("memory_bytes", 1024L * i);
      history.add(List.of(row));
    }
    List<Double> cpu = history.cpu("web");
    assertEquals(MetricHistory.KEPT, cpu.size());
    assertEquals(List.of(122.0, Double.NaN, 124.0), cpu.subList(cpu.size() - 3, cpu.size()));
    assertEquals(1024.0 * 124, history.memory("web").get(MetricHistory.KEPT - 1));
    assertEquals(List.of(), history.cpu("db"));
  }
}
