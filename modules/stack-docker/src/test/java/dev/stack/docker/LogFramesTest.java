package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFramesTest {

  private static final InstanceId ID = new InstanceId("shop", "api", 1);
  private final RecordingSink sink = new RecordingSink();
  private final LogFrames frames = new LogFrames(ID, sink);

  private static byte[] frame(String time, String text) {
    return (time + " " + text).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLineTakesTheEnginesTimeAndStream() {
    frames.frame(Stream.ERR, frame("2026-11-26T06:00:00.123456789Z", "boom\n"));
    assertEquals(List.of(new RecordingSink.Line(ID, Stream.ERR, Instant.parse("2026-11-26T06:00:00.123456789Z"),
        "boom", false)), sink.lines());
  }

  @Test
  void piecesWithoutANewlineAreJoinedPerStreamAndTakeTheFirstPiecesTime() {
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.000000001Z", "a".repeat(16384)));
    frames.frame(Stream.ERR, frame("2026-11-26T06:00:00.000000002Z", "err\n"));
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.000000003Z", "b".repeat(16384)));
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.000000004Z", "c\n"));
    List<RecordingSink.Line> lines = sink.lines();
    assertEquals(2, lines.size());
    assertEquals("err", lines.get(0).text());
    assertEquals("a".repeat(16384) + "b".repeat(16384) + "c", lines.get(1).text());
    assertEquals(Instant.parse("2026-11-26T06:00:00.000000001Z"), lines.get(1).time());
    assertFalse(lines.get(1).partial());
  }

  @Test
  void aLineLongerThanOneMebibyteGoesOutInMarkedPieces() {
    String piece = "x".repeat(16384);
    int pieces = LogFrames.MAX_LINE / piece.length() + 2; // 1 MiB + 32 KiB
    for (int i = 0; i < pieces; i++) {
      frames.frame(Stream.OUT, frame("2026-11-26T06:00:00Z", piece));
    }
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:01Z", "\n"));
    List<RecordingSink.Line> lines = sink.lines();
    assertEquals(2, lines.size());
    assertEquals(LogFrames.MAX_LINE, lines.get(0).text().length());
    assertTrue(lines.get(0).partial());
    assertEquals(2 * piece.length(), lines.get(1).text().length());
    assertFalse(lines.get(1).partial());
  }

  @Test
  void whatIsLeftUnfinishedIsDeliveredWhenTheStreamEnds() {
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00Z", "no newline"));
    assertEquals(List.of(), sink.texts());
    frames.flush();
    assertEquals(List.of("no newline"), sink.texts());
  }

  @Test
  void framesUpToTheResumeTimeAreSkippedOnce() {
    frames.skipUpTo(Instant.parse("2026-11-26T06:00:00.5Z"));
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.4Z", "old\n"));
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.5Z", "taken before\n"));
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00.6Z", "new\n"));
    assertEquals(List.of("new"), sink.texts());
    assertEquals(Instant.parse("2026-11-26T06:00:00.6Z"), frames.last());
  }

  @Test
  void emptyLinesStayLines() {
    frames.frame(Stream.OUT, frame("2026-11-26T06:00:00Z", "\n"));
    assertEquals(List.of(""), sink.texts());
  }
}
