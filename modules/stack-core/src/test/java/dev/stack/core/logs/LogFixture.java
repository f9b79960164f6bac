package dev.stack.core.logs;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Writing lines the way a backend does, and reading them back as text, for the log tests. */
final class LogFixture {

  static final Instant T0 = Instant.parse("2026-11-26T05:41:10.123Z");
  static final InstanceId API_1 = new InstanceId("shop", "api", 1);
  static final InstanceId API_2 = new InstanceId("shop", "api", 2);
  static final InstanceId DB_1 = new InstanceId("shop", "db", 1);

  private LogFixture() {}

  static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  static void out(LogStore store, InstanceId id, long millis, String line) {
    write(store, id, Stream.OUT, millis, line, false);
  }

  static void err(LogStore store, InstanceId id, long millis, String line) {
    write(store, id, Stream.ERR, millis, line, false);
  }

  static void write(LogStore store, InstanceId id, Stream stream, long millis, String line, boolean partial) {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // offsets must be honoured
    store.line(id, stream, at(millis), b, 2, b.length - 4, partial);
  }

  /** A run of whole lines, as a backend that reads in chunks hands it over ({@code text} ends with '\n'). */
  static void run(LogStore store, InstanceId id, Stream stream, long millis, String text) {
    byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
    store.lines(id, stream, at(millis), b, 2, b.length - 4);
  }

  /** {@code api-2 out +5 hello}: instance, stream, ms after T0, message. */
  static String show(LogRecord r) {
    return r.displayName() + " " + LogFormat.word(r.stream()) + " +" + (r.time().toEpochMilli() - T0.toEpochMilli())
        + " " + r.message();
  }

  static List<String> read(LogReader reader, LogQuery query) {
    try (var records = reader.read(query)) {
      return records.map(LogFixture::show).collect(Collectors.toList());
    }
  }
}
