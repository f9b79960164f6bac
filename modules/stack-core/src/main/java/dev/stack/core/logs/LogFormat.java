package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The bytes of a log file (see {@code docs/logs-format.md}). Text lines ending in {@code \n}:
 *
 * <ul>
 *   <li>{@code @2026-11-26T05:41:10.123Z out} — a <em>header</em>: the lines after it, up to the
 *       next header, were read at that time (UTC, milliseconds) from that stream ({@code out} or
 *       {@code err}). A header ending in {@code " +"} was written while a long line of the instance
 *       was still open; readers that start in the middle of a file begin at a header without it.
 *   <li>{@code @+piece} — a piece of a line longer than the record limit; the line goes on in the
 *       next data line of the same stream (the last piece is a plain data line).
 *   <li>{@code @@text} — a data line that itself starts with {@code @} (one {@code @} is dropped).
 *   <li>anything else — a data line, exactly as the service wrote it.
 * </ul>
 *
 * A header is only written when the time (in ms) or the stream changes, so a chunk of lines read
 * at once costs one header, not one timestamp per line. Lines before the first header and lines
 * starting with {@code @} that are not one of the forms above (a header torn by a crash) are
 * skipped by readers; a last line without {@code \n} is not read until it is complete.
 */
final class LogFormat {

  static final byte MARK = '@';
  static final byte PIECE = '+';
  static final byte NL = '\n';
  /** {@code @} + {@code yyyy-MM-ddTHH:mm:ss.SSSZ} + space + stream. */
  static final int HEADER_LENGTH = 1 + 24 + 1 + 3;
  static final byte[] OPEN_FLAG = " +".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OUT = "out".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERR = "err".getBytes(StandardCharsets.US_ASCII);

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long MARKS = ONES * MARK;

  private LogFormat() {}

  /**
   * The index of the first {@code @} in {@code b[from .. to)}, or -1: eight bytes per step, since
   * a run of lines is searched for lines to escape and almost never holds one.
   */
  static int indexOfMark(byte[] b, int from, int to) {
    int i = from;
    for (; i <= to - 8; i += 8) {
      long v = (long) LONGS.get(b, i) ^ MARKS;
      // the lowest byte that is 0 (was '@') sets its high bit; bytes above it may be wrong, not it
      long zero = (v - ONES) & ~v & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == MARK) {
        return i;
      }
    }
    return -1;
  }

  /** The stream's word in headers and JSON. */
  static String word(Stream stream) {
    return stream == Stream.OUT ? "out" : "err";
  }

  /** Formats the seconds part {@code yyyy-MM-ddTHH:mm:ss} (19 bytes) into {@code dst}. */
  static void formatSecond(long epochSecond, byte[] dst) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    int y = t.getYear();
    put4(dst, 0, y);
    dst[4] = '-';
    put2(dst, 5, t.getMonthValue());
    dst[7] = '-';
    put2(dst, 8, t.getDayOfMonth());
    dst[10] = 'T';
    put2(dst, 11, t.getHour());
    dst[13] = ':';
    put2(dst, 14, t.getMinute());
    dst[16] = ':';
    put2(dst, 17, t.getSecond());
  }

  /**
   * Writes a header without its newline into {@code dst} at {@code at}; {@code second} holds the
   * formatted seconds of {@code millis}. Returns the index after it.
   */
  static int header(byte[] dst, int at, byte[] second, long millis, Stream stream, boolean open) {
    dst[at++] = MARK;
    System.arraycopy(second, 0, dst, at, 19);
    at += 19;
    dst[at++] = '.';
    int ms = (int) Math.floorMod(millis, 1000L);
    dst[at++] = (byte) ('0' + ms / 100);
    dst[at++] = (byte) ('0' + ms / 10 % 10);
    dst[at++] = (byte) ('0' + ms % 10);
    dst[at++] = 'Z';
    dst[at++] = ' ';
    System.arraycopy(stream == Stream.OUT ? OUT : ERR, 0, dst, at, 3);
    at += 3;
    if (open) {
      System.arraycopy(OPEN_FLAG, 0, dst, at, 2);
      at += 2;
    }
    return at;
  }

  /** True when the line is a well-formed header. */
  static boolean isHeader(byte[] b, int off, int len) {
    return (len == HEADER_LENGTH || len == HEADER_LENGTH + 2)
        && b[off] == MARK
        && b[off + 1] >= '0' && b[off + 1] <= '9'
        && b[off + 11] == 'T'
        && b[off + 24] == 'Z'
        && b[off + 25] == ' '
        && headerStream(b, off) != null
        && (len == HEADER_LENGTH || (b[off + 29] == ' ' && b[off + 30] == PIECE));
  }

  /** True when the header was written while a long line was open (not a place to start reading). */
  static boolean isOpenHeader(int len) {
    return len == HEADER_LENGTH + 2;
  }

  /** The stream of a well-formed header, or null. */
  static Stream headerStream(byte[] b, int off) {
    int s = off + 26;
    if (b[s] == 'o' && b[s + 1] == 'u' && b[s + 2] == 't') {
      return Stream.OUT;
    }
    if (b[s] == 'e' && b[s + 1] == 'r' && b[s + 2] == 'r') {
      return Stream.ERR;
    }
    return null;
  }

  /** Epoch milliseconds of a header, or {@link Long#MIN_VALUE} when its digits are not a time. */
  static long headerMillis(byte[] b, int off) {
    int year = num(b, off + 1, 4);
    int month = num(b, off + 6, 2);
    int day = num(b, off + 9, 2);
    int hour = num(b, off + 12, 2);
    int minute = num(b, off + 15, 2);
    int second = num(b, off + 18, 2);
    int ms = num(b, off + 21, 3);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0
        || b[off + 5] != '-' || b[off + 8] != '-' || b[off + 14] != ':' || b[off + 17] != ':'
        || b[off + 20] != '.') {
      return Long.MIN_VALUE;
    }
    try {
      long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
      return epochSecond * 1000 + ms;
    } catch (java.time.DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int num(byte[] b, int off, int len) {
    int v = 0;
    for (int i = off; i < off + len; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static void put2(byte[] dst, int at, int v) {
    dst[at] = (byte) ('0' + v / 10);
    dst[at + 1] = (byte) ('0' + v % 10);
  }

  private static void put4(byte[] dst, int at, int v) {
    put2(dst, at, v / 100 % 100);
    put2(dst, at + 2, v % 100);
  }
}
