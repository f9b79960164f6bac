package dev.stack.cli.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent CPU and memory samples of each instance, taken from successive {@code ps} answers on
 * the client (the agent keeps only the latest). An instance not running adds a gap ({@code NaN}).
 */
public final class MetricHistory {

  /** Samples kept per instance: more than any sparkline shows. */
  public static final int KEPT = 120;

  private final Map<String, Deque<Double>> cpu = new HashMap<>();
  private final Map<String, Deque<Double>> memory = new HashMap<>();

  /** Adds one sample per row ({@code instance}, {@code cpu_percent}, {@code memory_bytes}). */
  public void add(List<Map<String, Object>> rows) {
    for (Map<String, Object> r : rows) {
      String instance = String.valueOf(r.get("instance"));
      push(cpu, instance, (Number) r.get("cpu_percent"));
      push(memory, instance, (Number) r.get("memory_bytes"));
    }
  }

  /** CPU percent of one core, oldest first. */
  public List<Double> cpu(String instance) {
    return new ArrayList<>(cpu.getOrDefault(instance, new ArrayDeque<>()));
  }

  /** Resident memory in bytes, oldest first. */
  public List<Double> memory(String instance) {
    return new ArrayList<>(memory.getOrDefault(instance, new ArrayDeque<>()));
  }

  private static void push(Map<String, Deque<Double>> series, String instance, Number value) {
    Deque<Double> samples = series.computeIfAbsent(instance, i -> new ArrayDeque<>());
    samples.addLast(value == null ? Double.NaN : value.doubleValue());
    if (samples.size() > KEPT) {
      samples.removeFirst();
    }
  }
}
