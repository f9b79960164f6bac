package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Applies a query's stream, time and grep filters to the records of one instance and hands on
 * the ones that pass. Cheap tests come first: a line is only decoded when its stream and time pass.
 */
final class RecordFilter implements RecordParser.Records {

  private final LogQuery query;
  private final String service;
  private final int index;
  private final long since;
  private final long until;
  private final Consumer<LogRecord> out;

  RecordFilter(LogQuery query, String service, int index, Consumer<LogRecord> out) {
    this.query = query;
    this.service = service;
    this.index = index;
    this.since = query.since() == null ? Long.MIN_VALUE : query.since().toEpochMilli();
    this.until = query.until() == null ? Long.MAX_VALUE : query.until().toEpochMilli();
    this.out = out;
  }

  @Override
  public void record(long millis, Stream stream, byte[] b, int off, int len) {
    if (millis < since || millis >= until || !query.streams().contains(stream)) {
      return;
    }
    String message = new String(b, off, len, StandardCharsets.UTF_8);
    if (query.grep() != null && !query.grep().matcher(message).find()) {
      return;
    }
    out.accept(new LogRecord(Instant.ofEpochMilli(millis), service, index, stream, message));
  }
}
