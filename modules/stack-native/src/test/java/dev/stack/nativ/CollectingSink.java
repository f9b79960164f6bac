package dev.stack.nativ;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects lines per stream, joining partial pieces as the log store would, and counts pieces. */
final class CollectingSink implements LogSink {

  private final Map<Stream, List<String>> lines = new EnumMap<>(Stream.class);
  private final Map<Stream, ByteArrayOutputStream> open = new EnumMap<>(Stream.class);
  private int partialPieces;

  @Override
  public synchronized void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
    ByteArrayOutputStream pending = open.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
    pending.write(buf, off, len);
    if (partial) {
      partialPieces++;
      return;
    }
    lines.computeIfAbsent(stream, s -> new ArrayList<>()).add(pending.toString(StandardCharsets.UTF_8));
    pending.reset();
  }

  synchronized List<String> lines(Stream stream) {
    return new ArrayList<>(lines.getOrDefault(stream, List.of()));
  }

  synchronized int count(Stream stream) {
    return lines.getOrDefault(stream, List.of()).size();
  }

  synchronized int partialPieces() {
    return partialPieces;
  }
}
