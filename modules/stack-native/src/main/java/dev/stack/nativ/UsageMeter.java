package dev.stack.nativ;

import dev.stack.core.spi.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU and memory of an instance's processes from {@code /proc/PID/stat}, without a sampling
 * thread: each call compares with the previous call (the first with the main process's whole life).
 * It reads /proc directly rather than through OSHI: OSHI reads several files per process and
 * builds an object per process, many times slower for the same two numbers (see NativeBackendIT's
 * usage benchmark).
 */
final class UsageMeter {

  static final long CLK_TCK = clockTicks();
  static final long PAGE_SIZE = LibC.INSTANCE.getpagesize();

  private final long startTicks;
  private long lastCpuTicks = -1;
  private long lastWallNanos;
  private Usage last;

  UsageMeter(long startTicks) {
    this.startTicks = startTicks;
  }

  /** Figures of {@code processes}, read from /proc at {@code readAtNanos} ({@link System#nanoTime()}). */
  synchronized Usage sample(List<ProcStat> processes, long readAtNanos) {
    long cpu = 0;
    long rss = 0;
    for (ProcStat p : processes) {
      cpu += p.utimeTicks() + p.stimeTicks();
      rss += p.rssPages();
    }
    long now = readAtNanos;
    double percent;
    if (lastCpuTicks < 0) {
      double lifeTicks = uptimeTicks() - startTicks;
      percent = lifeTicks > 0 ? 100.0 * cpu / lifeTicks : 0;
    } else {
      if (now - lastWallNanos <= 0) {
        // the same snapshot again (two calls within its age): the previous answer stands
        return last;
      }
      double wallTicks = (now - lastWallNanos) / 1e9 * CLK_TCK;
      // a process that ended since the last call takes its ticks with it: never below zero
      percent = Math.max(0, 100.0 * (cpu - lastCpuTicks) / wallTicks);
    }
    lastCpuTicks = cpu;
    lastWallNanos = now;
    // tick granularity makes a very young process's share jumpy: never more than every core busy
    percent = Math.min(percent, 100.0 * Runtime.getRuntime().availableProcessors());
    last = new Usage(Math.round(percent * 10) / 10.0, rss * PAGE_SIZE, processes.size());
    return last;
  }

  private static double uptimeTicks() {
    try {
      String s = Files.readString(Path.of("/proc/uptime"));
      return Double.parseDouble(s.substring(0, s.indexOf(' '))) * CLK_TCK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long clockTicks() {
    long t = LibC.INSTANCE.sysconf(LibC.SC_CLK_TCK);
    return t > 0 ? t : 100;
  }
}
