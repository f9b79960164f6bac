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
  private final LineSplitter.Target target =
      (buf, off, len, partial) -> got.add(new Piece(new String(buf, off, len, StandardCharsets.ISO_8859_1), partial));

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
    LineSplitter.Target t = (buf, off, len, partial) -> {
      joined.write(buf, off, len);
      flags.add(partial);
      assertEquals(true, len <= LineSplitter.MAX_LINE);
    };
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
  void startsSmallGrowsWhileReadsFillItAndShrinksBackWhenQuiet() {
    LineSplitter s = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE);
    assertEquals(LineSplitter.INITIAL_CAPACITY, s.capacity());
    String busy = "y\n".repeat(LineSplitter.INITIAL_CAPACITY * 8);
    feed(s, busy);
    assertEquals(LineSplitter.INITIAL_CAPACITY * 8, got.size());
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
}
