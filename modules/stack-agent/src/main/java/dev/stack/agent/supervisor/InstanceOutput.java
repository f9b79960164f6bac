package dev.stack.agent.supervisor;

import dev.stack.core.health.LogProbe;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Where one instance's output goes, as the backend reads it: the log store, the last lines kept
 * for error messages, and the log probe of the current run until it matched.
 */
final class InstanceOutput implements LogSink {

  private final LogSink store;
  private final RecentLines recent = new RecentLines();
  /** The current run's log probe, or null; read on the backend's reading thread. */
  private volatile LogProbe probe;

  InstanceOutput(LogSink store) {
    this.store = store;
  }

  /** A new run begins: its lines only from now on, seen by {@code probe} (or none). */
  void newRun(LogProbe runProbe) {
    recent.clear();
    probe = runProbe;
  }

  /** The current run's log probe, or null. */
  LogProbe probe() {
    return probe;
  }

  /** The last lines of the current run. */
  List<String> recentLines() {
    return recent.snapshot();
  }

  @Override
  public void line(InstanceId who, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
    store.line(who, stream, time, buf, off, len, partial);
    recent.add(buf, off, len);
    LogProbe p = probe;
    if (p != null) {
      p.offer(new String(buf, off, len, StandardCharsets.UTF_8));
    }
  }

  /** A run of whole lines: stored in bulk; only the last few are kept, the probe sees each until it matched. */
  @Override
  public void lines(InstanceId who, Stream stream, Instant time, byte[] buf, int off, int len) {
    store.lines(who, stream, time, buf, off, len);
    recent.addLines(buf, off, len);
    LogProbe p = probe;
    if (p != null) {
      p.offerLines(buf, off, len);
    }
  }
}
