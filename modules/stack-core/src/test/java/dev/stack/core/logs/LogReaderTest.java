package dev.stack.core.logs;

import static dev.stack.core.logs.LogFixture.API_1;
import static dev.stack.core.logs.LogFixture.API_2;
import static dev.stack.core.logs.LogFixture.DB_1;
import static dev.stack.core.logs.LogFixture.at;
import static dev.stack.core.logs.LogFixture.err;
import static dev.stack.core.logs.LogFixture.out;
import static dev.stack.core.logs.LogFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.spi.LogSink.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

  @TempDir Path root;
  private LogReader reader;

  @BeforeEach
  void setUp() {
    reader = new LogReader(root);
  }

  /** api-1 and api-2 alternate every ms, db every 10 ms, errors every 7th line of api-1. */
  private void writeInterleaved(int lines) {
    try (LogStore store = new LogStore(root)) {
      for (int i = 0; i < lines; i++) {
        if (i % 7 == 0) {
          err(store, API_1, i, "api-1 error " + i);
        } else if (i % 2 == 0) {
          out(store, API_1, i, "api-1 line " + i);
        } else {
          out(store, API_2, i, "api-2 line " + i);
        }
        if (i % 10 == 5) {
          out(store, DB_1, i, "db line " + i);
        }
      }
    }
  }

  @Test
  void instancesComeMergedInTimeOrder() {
    writeInterleaved(30);
    List<String> lines = read(reader, LogQuery.all("shop"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i % 7 == 0) {
        expected.add("api err +" + i + " api-1 error " + i);
      } else if (i % 2 == 0) {
        expected.add("api out +" + i + " api-1 line " + i);
      } else {
        expected.add("api-2 out +" + i + " api-2 line " + i);
      }
      if (i % 10 == 5) {
        expected.add("db out +" + i + " db line " + i);
      }
    }
    assertEquals(expected, lines);
  }

  @Test
  void tailTakesTheLastLinesOfEachService() {
    writeInterleaved(20);
    assertEquals(List.of("db out +5 db line 5", "db out +15 db line 15", "api out +16 api-1 line 16",
            "api-2 out +17 api-2 line 17", "api out +18 api-1 line 18", "api-2 out +19 api-2 line 19"),
        read(reader, LogQuery.all("shop").tail(4)));
    assertEquals(List.of("api-2 out +19 api-2 line 19"), read(reader, LogQuery.all("shop").services(Set.of("api")).tail(1)));
    assertEquals(List.of(), read(reader, LogQuery.all("shop").tail(0)));
  }

  @Test
  void tailReadsBackThroughManyWindows() {
    try (LogStore store = new LogStore(root)) {
      for (int i = 0; i < 100_000; i++) {
        out(store, API_1, i / 7, "line " + i + " " + "y".repeat(i % 50));
      }
    }
    List<String> tail = read(reader, LogQuery.all("shop").tail(30_000));
    assertEquals(30_000, tail.size());
    for (int i = 0; i < 30_000; i++) {
      int n = 70_000 + i;
      assertEquals("api out +" + n / 7 + " line " + n + " " + "y".repeat(n % 50), tail.get(i));
    }
  }

  @Test
  void sinceAndUntilBoundTheTime() {
    writeInterleaved(30);
    assertEquals(List.of("api-2 out +23 api-2 line 23", "api out +24 api-1 line 24", "api-2 out +25 api-2 line 25",
            "db out +25 db line 25"),
        read(reader, LogQuery.all("shop").since(at(23)).until(at(26))));
    assertEquals(List.of("db out +5 db line 5", "db out +15 db line 15"),
        read(reader, LogQuery.all("shop").services(Set.of("db")).until(at(25)).tail(2)));
    assertEquals(List.of("api out +26 api-1 line 26"),
        read(reader, LogQuery.all("shop").services(Set.of("api")).since(at(26)).until(at(27)).tail(5)));
  }

  @Test
  void grepKeepsMatchingMessages() {
    writeInterleaved(30);
    assertEquals(List.of("api err +0 api-1 error 0", "api err +7 api-1 error 7", "api err +14 api-1 error 14",
            "api err +21 api-1 error 21", "api err +28 api-1 error 28"),
        read(reader, LogQuery.all("shop").grep(Pattern.compile("err.r \\d"))));
    assertEquals(List.of("api err +21 api-1 error 21", "api err +28 api-1 error 28"),
        read(reader, LogQuery.all("shop").grep(Pattern.compile("error")).tail(2)));
  }

  @Test
  void streamsFilterChoosesOutOrErr() {
    writeInterleaved(15);
    assertEquals(List.of("api err +0 api-1 error 0", "api err +7 api-1 error 7", "api err +14 api-1 error 14"),
        read(reader, LogQuery.all("shop").streams(Set.of(Stream.ERR))));
    assertEquals(13, read(reader, LogQuery.all("shop").streams(Set.of(Stream.OUT))).size());
  }

  @Test
  void aStackWithoutLogsReadsAsEmpty() {
    assertEquals(List.of(), read(reader, LogQuery.all("nothing-here")));
    assertEquals(List.of(), read(reader, LogQuery.all("nothing-here").tail(10)));
  }

  @Test
  void displayNamesNameReplicas() {
    writeInterleaved(10);
    assertEquals(List.of("api", "api-2", "db"), reader.displayNames(LogQuery.all("shop")));
  }
}
