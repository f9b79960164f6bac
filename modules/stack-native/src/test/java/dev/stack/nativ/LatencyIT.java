package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Measures what the brief asks to report: start and restart latency, and /proc vs OSHI for usage. */
class LatencyIT extends ProcessTest {


  @Test
  void startAndRestartTakeMilliseconds() throws Exception {
    Specs specs = new Specs(tmp);
    int warmup = 10;
    int runs = 40;
    List<Double> startMs = new ArrayList<>();
    List<Double> restartMs = new ArrayList<>();
    List<Double> exitSeenMs = new ArrayList<>();
    List<Double> bareMs = new ArrayList<>();
    for (int i = 0; i < warmup + runs; i++) {
      CollectingSink sink = new CollectingSink();
      long t0 = nanosNow();
      Running r = started.add(backend.start(specs.of(List.of("date", "+%s%N")), sink));
      assertEquals(0, r.exit().get(10, TimeUnit.SECONDS).code());
      long exitSeen = nanosNow();
      // the agent's restart: a new start right after the exit was seen
      CollectingSink again = new CollectingSink();
      Running r2 = started.add(backend.start(specs.of(List.of("date", "+%s%N")), again));
      drained(r);
      long ran = Long.parseLong(sink.lines(Stream.OUT).get(0));
      assertEquals(0, r2.exit().get(10, TimeUnit.SECONDS).code());
      drained(r2);
      long reran = Long.parseLong(again.lines(Stream.OUT).get(0));
      // the same without setsid, prologue, FIFOs and cgroup: what the JDK and the machine's load cost
      long b0 = nanosNow();
      Process p = new ProcessBuilder("date", "+%s%N").start();
      long bare = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
      p.waitFor();
      if (i >= warmup) {
        startMs.add((ran - t0) / 1e6);
        exitSeenMs.add((exitSeen - ran) / 1e6);
        restartMs.add((reran - exitSeen) / 1e6);
        bareMs.add((bare - b0) / 1e6);
      }
    }
    System.out.printf("start() -> exec'd program runs: median %.1f ms, p90 %.1f ms%n", median(startMs), p90(startMs));
    System.out.printf("program's last output -> exit() completes: median %.1f ms, p90 %.1f ms%n",
        median(exitSeenMs), p90(exitSeenMs));
    System.out.printf("exit seen -> new process exec'd (restart): median %.1f ms, p90 %.1f ms%n",
        median(restartMs), p90(restartMs));
    System.out.printf("bare ProcessBuilder -> date runs: median %.1f ms, p90 %.1f ms (load average %s)%n",
        median(bareMs), p90(bareMs), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    assertTrue(median(startMs) < 10 * Math.max(2, median(bareMs)), "start latency " + startMs + " vs bare " + bareMs);
  }

  @Test
  void usageFromProcIsCheaperThanFromOshi() throws Exception {
    Running r = started.add(backend.start(new Specs(tmp).sh("for i in 1 2 3 4 5 6 7 8 9 10; do sleep 300 & done; wait"),
        new CollectingSink()));
    await().atMost(Duration.ofSeconds(5)).until(() -> r.usage().map(u -> u.processes() == 11).orElse(false));
    OperatingSystem os = new SystemInfo().getOperatingSystem();
    int rounds = 50;
    long procNs = 0;
    long oshiNs = 0;
    long oshiRss = 0;
    for (int i = 0; i < rounds + 10; i++) {
      long t0 = System.nanoTime();
      long rss = r.usage().orElseThrow().memoryBytes();
      long t1 = System.nanoTime();
      List<OSProcess> tree = new ArrayList<>(os.getDescendantProcesses((int) r.pid(), null, null, 0));
      tree.add(os.getProcess((int) r.pid()));
      long cpu = 0;
      oshiRss = 0;
      for (OSProcess p : tree) {
        cpu += p.getUserTime() + p.getKernelTime();
        oshiRss += p.getResidentSetSize();
      }
      long t2 = System.nanoTime();
      if (i >= 10) {
        procNs += t1 - t0;
        oshiNs += t2 - t1;
      }
      assertTrue(cpu >= 0 && rss > 0);
    }
    System.out.printf("usage of an 11-process tree: /proc %.2f ms, OSHI %.2f ms per sample (OSHI rss %d)%n",
        procNs / 1e6 / rounds, oshiNs / 1e6 / rounds, oshiRss);
    assertTrue(oshiRss > 0);
  }

  private static long nanosNow() {
    Instant n = Instant.now();
    return n.getEpochSecond() * 1_000_000_000L + n.getNano();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static double p90(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get((int) (s.size() * 0.9));
  }
}
