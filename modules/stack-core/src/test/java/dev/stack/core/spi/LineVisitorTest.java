package dev.stack.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineVisitorTest {

  private static List<String> lines(String text, int off, int len, int stopAfter) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    LineVisitor.eachLine(b, off, len, (buf, o, n) -> {
      seen.add(new String(buf, o, n, StandardCharsets.UTF_8));
      return seen.size() < stopAfter;
    });
    return seen;
  }

  @Test
  void eachNewlineEndsALineAndEmptyLinesCount() {
    assertEquals(List.of("a", "", "bc"), lines("a\n\nbc\n", 0, 6, 99));
    assertEquals(List.of(""), lines("\n", 0, 1, 99));
    assertEquals(List.of(), lines("", 0, 0, 99));
  }

  @Test
  void bytesAfterTheLastNewlineAreALastLine() {
    assertEquals(List.of("a", "tail"), lines("a\ntail", 0, 6, 99));
  }

  @Test
  void onlyTheSliceIsWalked() {
    assertEquals(List.of("bb", "cc"), lines("aa\nbb\ncc\ndd\n", 3, 6, 99));
  }

  @Test
  void falseStopsTheWalk() {
    assertEquals(List.of("a", "b"), lines("a\nb\nc\n", 0, 6, 2));
  }

  @Test
  void theDefaultRunOfALogSinkHandsOutEachLineWhole() {
    List<String> got = new ArrayList<>();
    LogSink sink = (id, stream, time, buf, off, len, partial) ->
        got.add(new String(buf, off, len, StandardCharsets.UTF_8) + (partial ? "+" : ""));
    byte[] run = "xx\none\ntwo\n".getBytes(StandardCharsets.UTF_8);
    sink.lines(null, LogSink.Stream.OUT, Instant.EPOCH, run, 3, 8);
    assertEquals(List.of("one", "two"), got);
  }
}
