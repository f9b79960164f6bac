package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  record Piece(String text, boolean partial) {}

  private final List<Piece> got = new ArrayList<>();
  /** The runs of whole lines as handed out, each with its '\n's. */
  private final List<String> runs = new ArrayList<>();
  private final LineSplitter.Target target = target((buf, off, len, partial) ->
      got.add(new Piece(new String(buf, off, len, StandardCharsets.ISO_8859_1), partial)));

  interface PieceTarget {
    void line(byte[] buf, int off, int len, boolean partial);
  }

  /** A target that notes each run and hands each line of it on as a whole piece. */
  private LineSplitter.Target target(PieceTarget pieces) {
    return new LineSplitter.Target() {
      @Override
      public void line(byte[] buf, int off, int len, boolean partial) {
        pieces.line(buf, off, len, partial);
      }

      @Override
      public void lines(byte[] buf, int off, int len) {
        assertEquals('\n', buf[off + len - 1], "a run ends with a line end");
        runs.add(new String(buf, off, len, StandardCharsets.ISO_8859_1));
        for (int s = off; s < off + len; ) {
          int nl = s;
          while (buf[nl] != '\n') {
            nl++;
          }
          pieces.line(buf, s, nl - s, false);
          s = nl + 1;
        }
      }
    };
  }

  private void feed(LineSplitter s, String chunk) {
    byte[] b = chunk.getBytes(StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < b.length) {
      int n = Math.min(s.writable(), b.length - i);
      System.arraycopy(b, i, s.buffer(), s.writeOffset(), n);
      s.written(n, target);
      i += n;
    }
  }

  @Test
  void splitsAtNewlinesAcrossChunks() {
    LineSplitter s = new LineSplitter(16, 8);
    feed(s, "a\nbc");
    feed(s, "d\n\ne");
    assertEquals(List.of(new Piece("a", false), new Piece("bcd", false), new Piece("", false)), got);
    s.finish(target);
    assertEquals(new Piece("e", false), got.get(3));
  }

  @Test
  void aLineOfExactlyTheLimitStaysWhole() {
    LineSplitter s = new LineSplitter(16, 8);
    feed(s, "0123456789abcdef");
    feed(s, "\n");
    assertEquals(List.of(new Piece("0123456789abcdef", false)), got);
  }

  @Test
  void longerLinesArriveAsPartialPiecesThatJoinToTheOriginal() {
    LineSplitter s = new LineSplitter(16, 8);
    String line = "x".repeat(40) + "yz";
    feed(s, line + "\nnext\n");
    assertEquals(new Piece("x".repeat(16), true), got.get(0));
    assertEquals(new Piece("x".repeat(16), true), got.get(1));
    assertEquals(new Piece("x".repeat(8) + "yz", false), got.get(2));
    assertEquals(new Piece("next", false), got.get(3));
  }

  @Test
  void threeMebibyteLineWithTheRealLimit() {
    LineSplitter s = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE);
    byte[] line = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < line.length; i++) {
      line[i] = (byte) ('a' + i % 26);
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    List<Boolean> flags = new ArrayList<>();
    LineSplitter.Target t = target((buf, off, len, partial) -> {
      joined.write(buf, off, len);
      flags.add(partial);
      assertEquals(true, len <= LineSplitter.MAX_LINE);
    });
    int i = 0;
    byte[] all = Arrays.copyOf(line, line.length + 1);
    all[line.length] = '\n';
    while (i < all.length) {
      int n = Math.min(Math.min(s.writable(), 300_000), all.length - i);
      System.arraycopy(all, i, s.buffer(), s.writeOffset(), n);
      s.written(n, t);
      i += n;
    }
    assertEquals(List.of(true, true, true, false), flags);
    assertEquals(true, Arrays.equals(line, joined.toByteArray()));
  }

  @Test
  void detachHandsOutTheBegunLineAsPartial() {
    LineSplitter s = new LineSplitter(16, 8);
    feed(s, "done\nhal");
    s.detach(target);
    assertEquals(List.of(new Piece("done", false), new Piece("hal", true)), got);
    assertEquals(0, s.pending());
  }

  @Test
  void finishWithNothingPendingDeliversNothing() {
    LineSplitter s = new LineSplitter(16, 8);
    feed(s, "a\n");
    s.finish(target);
    assertEquals(List.of(new Piece("a", false)), got);
  }

  @Test
  void holdsNoBufferBeforeTheFirstReadThenStartsSmallGrowsWhileReadsFillItAndShrinksBackWhenQuiet() {
    LineSplitter s = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE);
    assertEquals(0, s.capacity());
    feed(s, "first\n");
    assertEquals(LineSplitter.INITIAL_CAPACITY, s.capacity());
    String busy = "y\n".repeat(LineSplitter.INITIAL_CAPACITY * 8);
    feed(s, busy);
    assertEquals(LineSplitter.INITIAL_CAPACITY * 8 + 1, got.size());
    assertEquals(true, s.capacity() > LineSplitter.INITIAL_CAPACITY, "grew: " + s.capacity());
    for (int i = 0; i < 64; i++) {
      feed(s, "quiet " + i + "\n");
    }
    assertEquals(LineSplitter.INITIAL_CAPACITY, s.capacity());
    assertEquals(new Piece("quiet 63", false), got.get(got.size() - 1));
  }

  @Test
  void aLongLineGrowsTheBufferOnlyUpToTheLimitAndStaysWhole() {
    LineSplitter s = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE);
    String line = "z".repeat(LineSplitter.MAX_LINE);
    for (int i = 0; i < line.length(); i += 1000) {
      feed(s, line.substring(i, Math.min(line.length(), i + 1000)));
    }
    feed(s, "\n");
    assertEquals(List.of(new Piece(line, false)), got);
    assertEquals(true, s.capacity() <= LineSplitter.MAX_LINE + EventLoop.READ_SIZE);
  }

  @Test
  void theWholeLinesOfAReadComeAsOneRunAndALineSplitAcrossReadsCompletesTheNext() {
    LineSplitter s = new LineSplitter(16, 8);
    feed(s, "a\nbc\nde");
    feed(s, "f\ng\nh");
    assertEquals(List.of("a\nbc\n", "def\ng\n"), runs);
    assertEquals(List.of(new Piece("a", false), new Piece("bc", false), new Piece("def", false), new Piece("g", false)), got);
    s.finish(target);
    assertEquals(new Piece("h", false), got.get(4));
  }

  @Test
  void aRunLongerThanALineMayBeIsCutAtLineEndsWithLongLinesInPieces() {
    LineSplitter s = new LineSplitter(8, 64, 64);
    // short lines, then one of 20 bytes, then short ones, in a single read
    feed(s, "ab\ncd\nef\n" + "L".repeat(20) + "\nxy\n12345678\nz\n");
    for (String run : runs) {
      for (String line : run.split("\n")) {
        assertEquals(true, line.length() <= 8, "in a run: " + line);
      }
    }
    assertEquals(List.of(new Piece("ab", false), new Piece("cd", false), new Piece("ef", false),
        new Piece("LLLLLLLL", true), new Piece("LLLLLLLL", true), new Piece("LLLL", false),
        new Piece("xy", false), new Piece("12345678", false), new Piece("z", false)), got);
  }

  @Test
  void manyShortLinesInOneReadAreOneRunWithEveryByteInOrder() {
    LineSplitter s = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE, 1 << 16);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      all.append("line ").append(i).append('\n');
    }
    feed(s, all.toString());
    assertEquals(1, runs.size());
    assertEquals(all.toString(), runs.get(0));
    assertEquals(1000, got.size());
  }
}
