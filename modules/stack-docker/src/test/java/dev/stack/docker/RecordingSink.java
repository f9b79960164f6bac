package dev.stack.docker;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A log sink that keeps every line it is given. */
final class RecordingSink implements LogSink {

  /** One delivered line or piece. */
  record Line(InstanceId id, Stream stream, Instant time, String text, boolean partial) {}

  private final List<Line> lines = new ArrayList<>();

  @Override
  public synchronized void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len,
      boolean partial) {
    lines.add(new Line(id, stream, time, new String(buf, off, len, StandardCharsets.UTF_8), partial));
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> texts() {
    return lines.stream().map(Line::text).toList();
  }
}
