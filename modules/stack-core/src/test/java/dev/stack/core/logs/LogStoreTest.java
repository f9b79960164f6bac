package dev.stack.core.logs;

import static dev.stack.core.logs.LogFixture.API_1;
import static dev.stack.core.logs.LogFixture.API_2;
import static dev.stack.core.logs.LogFixture.DB_1;
import static dev.stack.core.logs.LogFixture.err;
import static dev.stack.core.logs.LogFixture.out;
import static dev.stack.core.logs.LogFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.ByteSize;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {

  @TempDir Path root;

  private Path file(String name) {
    return root.resolve("shop").resolve(name);
  }

  @Test
  void writesHeadersOncePerTimeAndStreamAndEscapesMarks() throws IOException {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "hello");
      out(store, API_1, 0, "@Override is data");
      out(store, API_1, 0, "");
      err(store, API_1, 0, "oops");
      err(store, API_1, 1001, "later: \u00e9t\u00e9");
    }
    assertEquals("""
        @2026-11-26T05:41:10.123Z out
        hello
        @@Override is data

        @2026-11-26T05:41:10.123Z err
        oops
        @2026-11-26T05:41:11.124Z err
        later: \u00e9t\u00e9
        """, Files.readString(file("api-1.log")));
  }

  @Test
  void readsBackWhatWasWritten() {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "hello");
      out(store, API_1, 0, "@Override is data");
      out(store, API_1, 0, "@+ and @@ too");
      out(store, API_1, 0, "");
      err(store, API_1, 2, "oops");
    }
    assertEquals(List.of("api out +0 hello", "api out +0 @Override is data", "api out +0 @+ and @@ too",
        "api out +0 ", "api err +2 oops"), read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void flushOfAnInstancePutsItsLastLineInTheFileAtOnce() throws IOException {
    try (LogStore store = new LogStore(root, 3_600_000)) {
      out(store, API_1, 0, "last words");
      store.flush(API_1);
      assertEquals("@2026-11-26T05:41:10.123Z out\nlast words\n", Files.readString(file("api-1.log")));
      out(store, API_1, 5, "after a restart");
      store.flush(API_1);
      assertTrue(Files.readString(file("api-1.log")).endsWith("last words\n@2026-11-26T05:41:10.128Z out\nafter a restart\n"));
    }
  }

  @Test
  void quietLinesReachTheFileWithoutAFlush() throws IOException {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "one quiet line");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
          .until(() -> Files.exists(file("api-1.log")) && Files.readString(file("api-1.log")).contains("one quiet line\n"));
    }
  }

  @Test
  void aLineOfThreeMebibytesInPiecesComesBackWhole() {
    String mib = "x".repeat(1 << 20);
    try (LogStore store = new LogStore(root)) {
      LogFixture.write(store, API_1, Stream.OUT, 0, "A" + mib.substring(1), true);
      err(store, API_1, 1, "between the pieces");
      LogFixture.write(store, API_1, Stream.OUT, 2, mib, true);
      LogFixture.write(store, API_1, Stream.OUT, 3, mib.substring(1) + "Z", false);
      out(store, API_1, 4, "short");
    }
    List<LogRecord> all = new LogReader(root).read(LogQuery.all("shop")).collect(Collectors.toList());
    assertEquals(3, all.size());
    assertEquals("between the pieces", all.get(0).message());
    String joined = all.get(1).message();
    assertEquals(3 << 20, joined.length());
    assertTrue(joined.startsWith("Ax") && joined.endsWith("xZ"));
    assertEquals(LogFixture.at(0), all.get(1).time()); // the time of its first piece
    List<LogRecord> last2 = new LogReader(root).read(LogQuery.all("shop").tail(2)).collect(Collectors.toList());
    assertEquals(3 << 20, last2.get(0).message().length());
    assertEquals("short", last2.get(1).message());
  }

  @Test
  void rotationKeepsKeepFilesAndReadingSpansThem() throws IOException {
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 2));
      for (int i = 0; i < 200; i++) {
        out(store, API_1, i, String.format("line %03d %s", i, "x".repeat(80)));
      }
    }
    try (var files = Files.list(root.resolve("shop"))) {
      assertEquals(Set.of("api-1.log", "api-1.log.1", "api-1.log.2"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
    assertTrue(Files.size(file("api-1.log.1")) < 1024 + 200);
    List<String> lines = read(new LogReader(root), LogQuery.all("shop"));
    assertTrue(lines.size() > 10 && lines.size() < 40, lines.size() + " lines");
    int first = 200 - lines.size();
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith(String.format("api out +%d line %03d", first + i, first + i)), lines.get(i));
    }
    List<String> tail = read(new LogReader(root), LogQuery.all("shop").tail(lines.size() - 1));
    assertEquals(lines.subList(1, lines.size()), tail);
  }

  @Test
  void aFileIsNotRotatedInTheMiddleOfALongLine() throws IOException {
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 3));
      LogFixture.write(store, API_1, Stream.OUT, 0, "a".repeat(2000), true);
      err(store, API_1, 1, "meanwhile on stderr");
      LogFixture.write(store, API_1, Stream.OUT, 2, "b".repeat(2000), true);
      store.flush();
      assertFalse(Files.exists(file("api-1.log.1")));
      LogFixture.write(store, API_1, Stream.OUT, 3, "c", false);
      out(store, API_1, 4, "next file");
    }
    assertTrue(Files.readString(file("api-1.log.1")).endsWith("@2026-11-26T05:41:10.126Z out +\nc\n"));
    assertEquals(List.of("api err +1 meanwhile on stderr", "api out +0 " + "a".repeat(2000) + "b".repeat(2000) + "c",
        "api out +4 next file"), read(new LogReader(root), LogQuery.all("shop")));
    assertEquals(List.of("api out +4 next file"), read(new LogReader(root), LogQuery.all("shop").tail(1)));
  }

  @Test
  void keepZeroStartsAgainWithoutRotatedFiles() throws IOException {
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 0));
      for (int i = 0; i < 30; i++) {
        out(store, API_1, i, String.format("line %02d %s", i, "k".repeat(90)));
      }
    }
    try (var files = Files.list(root.resolve("shop"))) {
      assertEquals(List.of("api-1.log"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
    List<String> lines = read(new LogReader(root), LogQuery.all("shop"));
    assertTrue(lines.get(lines.size() - 1).startsWith("api out +29 line 29"), lines.toString());
    assertTrue(lines.size() < 10, lines.toString());
  }

  @Test
  void aRecordTornByACrashIsSkippedAndAppendingCarriesOn() throws IOException {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "complete");
      out(store, API_1, 0, "torn in the middle");
    }
    Path f = file("api-1.log");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(f) - 10);
    }
    assertEquals(List.of("api out +0 complete"), read(new LogReader(root), LogQuery.all("shop")));
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 7, "after the crash");
    }
    assertEquals(List.of("api out +0 complete", "api out +0 torn in t", "api out +7 after the crash"),
        read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void aHeaderTornByACrashIsSkipped() throws IOException {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "before");
      err(store, API_1, 1, "lost with its header");
    }
    Path f = file("api-1.log");
    String text = Files.readString(f);
    Files.writeString(f, text.substring(0, text.lastIndexOf("@2026") + 12));
    try (LogStore store = new LogStore(root)) {
      err(store, API_1, 9, "after");
    }
    assertEquals(List.of("api out +0 before", "api err +9 after"), read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void purgeEmptiesTheNamedServicesOnly() throws IOException {
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 3));
      for (int i = 0; i < 50; i++) {
        out(store, API_1, i, "api " + "x".repeat(100));
      }
      out(store, API_2, 0, "api 2");
      out(store, DB_1, 0, "db");
      store.flush();
      store.purge("shop", Set.of("api"));
      try (var files = Files.list(root.resolve("shop"))) {
        assertEquals(List.of("db-1.log"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
      }
      out(store, API_1, 60, "new life");
    }
    assertEquals(List.of("db out +0 db", "api out +60 new life"), read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void instancesWriteToTheirOwnFilesConcurrently() throws Exception {
    int lines = 20_000;
    try (LogStore store = new LogStore(root)) {
      Builder<Thread> threads = java.util.stream.Stream.builder();
      for (var id : List.of(API_1, API_2, DB_1)) {
        for (Stream s : Stream.values()) {
          threads.add(new Thread(() -> {
            for (int i = 0; i < lines; i++) {
              LogFixture.write(store, id, s, i / 100, s + " " + i, false);
            }
          }));
        }
      }
      List<Thread> all = threads.build().collect(Collectors.toList());
      all.forEach(Thread::start);
      for (Thread t : all) {
        t.join();
      }
    }
    List<LogRecord> records = new LogReader(root).read(LogQuery.all("shop")).collect(Collectors.toList());
    assertEquals(6 * lines, records.size());
    for (var id : List.of(API_1, API_2, DB_1)) {
      for (Stream s : Stream.values()) {
        List<String> mine = records.stream()
            .filter(r -> r.service().equals(id.service()) && r.instance() == id.index() && r.stream() == s)
            .map(LogRecord::message).collect(Collectors.toList());
        assertEquals(lines, mine.size());
        for (int i = 0; i < lines; i++) {
          assertEquals(s + " " + i, mine.get(i));
        }
      }
    }
    assertFalse(Files.readString(file("api-1.log"), StandardCharsets.UTF_8).isEmpty());
  }

  @Test
  void aRunOfLinesGetsOneHeaderAndOnlyLinesStartingWithAMarkEscaped() throws IOException {
    try (LogStore store = new LogStore(root)) {
      LogFixture.run(store, API_1, Stream.OUT, 0, "@first\nmail me@example.org\n\n@@twice\nplain@\n");
      LogFixture.run(store, API_1, Stream.OUT, 0, "same time, no header\n");
      LogFixture.run(store, API_1, Stream.ERR, 0, "@\n");
      out(store, API_1, 1, "a single line after");
    }
    assertEquals("""
        @2026-11-26T05:41:10.123Z out
        @@first
        mail me@example.org

        @@@twice
        plain@
        same time, no header
        @2026-11-26T05:41:10.123Z err
        @@
        @2026-11-26T05:41:10.124Z out
        a single line after
        """, Files.readString(file("api-1.log")));
    assertEquals(List.of("api out +0 @first", "api out +0 mail me@example.org", "api out +0 ", "api out +0 @@twice",
        "api out +0 plain@", "api out +0 same time, no header", "api err +0 @", "api out +1 a single line after"),
        read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void aRunBiggerThanTheBufferIsWrittenWholeAndInOrder() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append(i % 7 == 0 ? "@" : "").append("line ").append(i).append('\n');
    }
    try (LogStore store = new LogStore(root)) {
      LogFixture.run(store, API_1, Stream.OUT, 0, text.toString());
    }
    List<String> lines = read(new LogReader(root), LogQuery.all("shop"));
    assertEquals(20_000, lines.size());
    for (int i = 0; i < 20_000; i++) {
      assertEquals("api out +0 " + (i % 7 == 0 ? "@" : "") + "line " + i, lines.get(i));
    }
  }

  @Test
  void aRunRotatesAtTheLineThatReachesTheLimitAsSingleLinesWould() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append(String.format("line %03d %s%n", i, "x".repeat(80)));
    }
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 2));
      LogFixture.run(store, API_1, Stream.OUT, 0, text.toString());
    }
    for (String name : List.of("api-1.log.1", "api-1.log.2")) {
      String f = Files.readString(file(name));
      assertTrue(f.startsWith("@2026-11-26T05:41:10.123Z out\nline "), f);
      assertTrue(f.endsWith("x\n"), f);
      assertTrue(f.length() >= 1024 && f.length() < 1024 + 90, name + ": " + f.length());
    }
    List<String> lines = read(new LogReader(root), LogQuery.all("shop"));
    int first = 200 - lines.size();
    assertTrue(lines.size() > 10 && lines.size() < 40, lines.size() + " lines");
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith(String.format("api out +0 line %03d", first + i)), lines.get(i));
    }
  }

  @Test
  void aRunCompletesALongLineBegunInPieces() {
    try (LogStore store = new LogStore(root)) {
      LogFixture.write(store, API_1, Stream.OUT, 0, "begun ", true);
      LogFixture.run(store, API_1, Stream.OUT, 1, "and ended\nnext\n");
    }
    assertEquals(List.of("api out +0 begun and ended", "api out +1 next"), read(new LogReader(root), LogQuery.all("shop")));
  }

  @Test
  void indexOfMarkFindsTheFirstMarkAtAnyPlace() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at <= len; at++) {
        byte[] b = "y".repeat(len).getBytes(StandardCharsets.US_ASCII);
        if (at < len) {
          b[at] = '@';
          if (at + 3 < len) {
            b[at + 3] = '@';
          }
        }
        assertEquals(at < len ? at : -1, LogFormat.indexOfMark(b, 0, len), len + "/" + at);
        assertEquals(at < len && at >= 1 ? at : (at + 3 < len && at < 1 ? 3 : -1) , LogFormat.indexOfMark(b, 1, len), "from 1: " + len + "/" + at);
      }
    }
  }

  @Test
  void runsHandedToTheWriterThreadAreAllInTheFileInOrderWhenTheInstanceIsFlushed() throws IOException {
    StringBuilder expected = new StringBuilder();
    try (LogStore store = new LogStore(root, 3_600_000)) {
      for (int run = 0; run < 300; run++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
          text.append("run ").append(run).append(" line ").append(i).append(" ").append("y".repeat(run % 50)).append('\n');
        }
        Stream stream = run % 10 == 9 ? Stream.ERR : Stream.OUT;
        LogFixture.run(store, API_1, stream, run / 3, text.toString());
        if (run % 3 == 0 || run % 10 == 9 || run % 10 == 0) {
          expected.append(String.format("@2026-11-26T05:41:%02d.%03dZ %s%n", 10 + (123 + run / 3) / 1000, (123 + run / 3) % 1000,
              stream == Stream.OUT ? "out" : "err"));
        }
        expected.append(text);
      }
      assertTrue(expected.length() > 4 * HandOffQueue.BUSY_BUFFER_SIZE, "many hand-offs: " + expected.length());
      store.flush(API_1); // what an instance's stop does: the store stays open
      assertEquals(expected.toString(), Files.readString(file("api-1.log")));
    }
  }

  @Test
  void whatIsLeftInTheBufferAfterHandOffsReachesTheFileWithoutAFlush() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("busy line ").append(i).append('\n');
    }
    String expected = "@2026-11-26T05:41:10.123Z out\n" + text + text;
    assertTrue(expected.length() > 2 * InstanceLog.BUFFER_SIZE && expected.length() % InstanceLog.BUFFER_SIZE != 0);
    try (LogStore store = new LogStore(root)) {
      LogFixture.run(store, API_1, Stream.OUT, 0, text.toString());
      LogFixture.run(store, API_1, Stream.OUT, 0, text.toString()); // its buffer was not empty: no longer a reason not to ask
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
          .until(() -> Files.exists(file("api-1.log")) && Files.readString(file("api-1.log")).equals(expected));
    }
  }
}
