package dev.stack.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.stack.core.spi.Usage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CPU and memory of one container from the engine's one-shot stats. The engine takes about a
 * second to answer one (it samples twice to compute CPU use), too slow for a status table: so
 * {@link #usage()} answers from the last sample at once and, when that is older than
 * {@link #FRESH_MS}, asks for a new one in the background. Nobody asking means no sampling.
 */
final class UsageSampler {

  static final long FRESH_MS = 1000;

  private final DockerEngine engine;
  private final String containerId;
  private final Executor executor;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private volatile Usage last;
  private volatile long sampledAt;

  UsageSampler(DockerEngine engine, String containerId, Executor executor) {
    this.engine = engine;
    this.containerId = containerId;
    this.executor = executor;
  }

  /** The last sample, if any; starts a new one in the background when it is stale. */
  Optional<Usage> usage() {
    if (System.currentTimeMillis() - sampledAt > FRESH_MS && sampling.compareAndSet(false, true)) {
      executor.execute(this::sample);
    }
    return Optional.ofNullable(last);
  }

  /** Samples now and waits for it (at most {@code timeoutMs}). */
  Optional<Usage> sampleNow(long timeoutMs) {
    Statistics stats = fetch(timeoutMs);
    if (stats != null) {
      last = of(stats);
      sampledAt = System.currentTimeMillis();
    }
    return Optional.ofNullable(last);
  }

  private void sample() {
    try {
      sampleNow(10_000);
    } finally {
      sampling.set(false);
    }
  }

  private Statistics fetch(long timeoutMs) {
    AtomicReference<Statistics> got = new AtomicReference<>();
    try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Statistics s) {
        got.compareAndSet(null, s);
      }
    }) {
      engine.streaming().statsCmd(containerId).withNoStream(true).exec(callback);
      callback.awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS);
      return got.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // gone or the engine is away: no figure rather than a wrong one
    }
  }

  /** Docker's own formula ({@code docker stats}): CPU in percent of one core, memory without page cache. */
  static Usage of(Statistics s) {
    double cpu = 0;
    CpuStatsConfig now = s.getCpuStats();
    CpuStatsConfig before = s.getPreCpuStats();
    if (now != null && before != null && now.getCpuUsage() != null && before.getCpuUsage() != null
        && now.getSystemCpuUsage() != null && before.getSystemCpuUsage() != null) {
      long cpuDelta = nz(now.getCpuUsage().getTotalUsage()) - nz(before.getCpuUsage().getTotalUsage());
      long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
      long cpus = now.getOnlineCpus() != null ? now.getOnlineCpus()
          : now.getCpuUsage().getPercpuUsage() != null ? now.getCpuUsage().getPercpuUsage().size() : 1;
      if (cpuDelta > 0 && systemDelta > 0) {
        cpu = (double) cpuDelta / systemDelta * cpus * 100.0;
      }
    }
    long memory = 0;
    MemoryStatsConfig m = s.getMemoryStats();
    if (m != null && m.getUsage() != null) {
      long cache = 0;
      if (m.getStats() != null) {
        // cgroup v1 counts page cache as usage; docker stats subtracts it (v2: inactive_file)
        cache = m.getStats().getTotalInactiveFile() != null ? m.getStats().getTotalInactiveFile()
            : m.getStats().getInactiveFile() != null ? m.getStats().getInactiveFile() : 0;
      }
      memory = Math.max(0, m.getUsage() - cache);
    }
    int processes = s.getPidsStats() != null && s.getPidsStats().getCurrent() != null
        ? s.getPidsStats().getCurrent().intValue() : 0;
    return new Usage(Math.round(cpu * 10) / 10.0, memory, processes); // one decimal, as on native
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
