package dev.stack.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.spi.LogSink.Stream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatterTest {

  private static final Instant T = Instant.parse("2026-11-26T05:41:10Z");
  private static final LogRecord API = new LogRecord(T, "api", 1, Stream.OUT, "listening on :8080");
  private static final LogRecord API_2 = new LogRecord(T, "api", 2, Stream.OUT, "listening on :8081");
  private static final LogRecord DB_ERR = new LogRecord(T.plusMillis(7), "db", 1, Stream.ERR, "FATAL: no role");

  private static List<String> format(LogFormatter.Options options, LogRecord... records) {
    LogFormatter f = new LogFormatter(options, List.of("api", "api-2", "db"));
    return java.util.Arrays.stream(records).map(f::format).toList();
  }

  @Test
  void prefixesArePaddedAndStderrIsMarked() {
    assertEquals(List.of("api   | listening on :8080", "api-2 | listening on :8081", "db    ! FATAL: no role"),
        format(LogFormatter.Options.PLAIN, API, API_2, DB_ERR));
  }

  @Test
  void timestampsFollowThePrefix() {
    assertEquals(List.of("api   | 2026-11-26T05:41:10.000Z listening on :8080", "db    ! 2026-11-26T05:41:10.007Z FATAL: no role"),
        format(new LogFormatter.Options(false, true, true, false), API, DB_ERR));
  }

  @Test
  void noPrefixLeavesTheMessage() {
    assertEquals(List.of("listening on :8080", "2026-11-26T05:41:10.007Z FATAL: no role"),
        List.of(format(new LogFormatter.Options(false, false, false, false), API).get(0),
            format(new LogFormatter.Options(false, true, false, false), DB_ERR).get(0)));
  }

  @Test
  void coloursRotatePerServiceAndStderrIsRed() {
    assertEquals(List.of("\u001b[36mapi\u001b[0m   \u001b[36m|\u001b[0m listening on :8080",
            "\u001b[33mapi-2\u001b[0m \u001b[33m|\u001b[0m listening on :8081",
            "\u001b[32mdb\u001b[0m    \u001b[31m!\u001b[0m FATAL: no role"),
        format(new LogFormatter.Options(true, false, true, false), API, API_2, DB_ERR));
  }

  @Test
  void aNameSeenLaterWidensThePadding() {
    LogFormatter f = new LogFormatter(LogFormatter.Options.PLAIN, List.of("db"));
    assertEquals("db | x", f.format(new LogRecord(T, "db", 1, Stream.OUT, "x")));
    assertEquals("worker | y", f.format(new LogRecord(T, "worker", 1, Stream.OUT, "y")));
    assertEquals("db     | z", f.format(new LogRecord(T, "db", 1, Stream.OUT, "z")));
  }

  @Test
  void jsonLinesEscapeTheMessage() {
    LogRecord r = new LogRecord(T, "api", 2, Stream.ERR, "say \"hi\"\\ \t\u0001\n\u00e9");
    assertEquals("{\"time\":\"2026-11-26T05:41:10.000Z\",\"service\":\"api\",\"instance\":2,\"stream\":\"err\","
            + "\"message\":\"say \\\"hi\\\"\\\\ \\t\\u0001\\n\u00e9\"}",
        format(new LogFormatter.Options(true, true, true, true), r).get(0));
  }
}
