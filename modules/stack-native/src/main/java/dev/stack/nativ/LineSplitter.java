package dev.stack.nativ;

import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code '\n'} without copying complete lines: bytes are read
 * straight into {@link #buffer()} and the whole lines of a read are handed out as one slice of it
 * (a run), without looking at every byte. A line longer than
 * {@code maxLine} is handed out as pieces of {@code maxLine} bytes with {@code partial} set, then
 * its rest without it. Not thread-safe: one splitter per stream.
 *
 * <p>The buffer is made at the first read (most services write nothing for long, and the
 * buffers of a hundred starting at once were 3 MiB of live heap to copy through the young
 * collections of a cold {@code up}), starts small and grows (up to {@code maxLine + readSize}) only
 * while reads fill it or a long line needs it, then shrinks back once the stream is quiet again: a
 * hundred idle services must not hold a hundred 2 MiB buffers.
 */
final class LineSplitter {

  /** Receives what the stream holds; a slice is only valid during the call. */
  interface Target {
    /** A piece of a long line, or a last line without {@code '\n'} (which it comes without). */
    void line(byte[] buf, int off, int len, boolean partial);

    /** One or more whole lines, each with its {@code '\n'}, none longer than the limit. */
    void lines(byte[] buf, int off, int len);
  }

  /** Lines up to this many bytes stay whole (DESIGN: 1 MiB). */
  static final int MAX_LINE = 1 << 20;

  /** The capacity a splitter's buffer is made with and shrinks back to. */
  static final int INITIAL_CAPACITY = 16 * 1024;
  /** Small reads in a row after which a grown buffer shrinks back. */
  private static final int QUIET_READS = 64;
  private static final byte[] NONE = new byte[0];

  private final int maxLine;
  private final int initialCapacity;
  private final int maxCapacity;
  private byte[] buf;
  private int start;
  private int end;
  private int quietReads;

  LineSplitter(int maxLine, int readSize) {
    this(maxLine, readSize, INITIAL_CAPACITY);
  }

  LineSplitter(int maxLine, int readSize, int initialCapacity) {
    this.maxLine = maxLine;
    this.maxCapacity = maxLine + readSize;
    this.initialCapacity = Math.min(initialCapacity, maxCapacity);
    this.buf = NONE;
  }

  /**
   * Where to read into: {@code buffer()[writeOffset() .. writeOffset() + writable())}, after
   * {@link #writable} (which makes the buffer on the first read). The array may be a new one after
   * {@link #written}.
   */
  byte[] buffer() {
    return buf;
  }

  int writeOffset() {
    return end;
  }

  int writable() {
    if (buf == NONE) {
      buf = new byte[initialCapacity];
    }
    return buf.length - end;
  }

  /** Bytes of a line begun but not ended yet. */
  int pending() {
    return end - start;
  }

  /**
   * Takes {@code n} bytes just read into the buffer and hands out every line they complete: whole
   * lines as runs (one call for all of them), long lines as pieces. Only the bytes after the last
   * {@code '\n'} are looked at, so a read of many short lines costs a few comparisons, not one per byte.
   */
  void written(int n, Target target) {
    boolean filled = n == writable();
    int limit = end + n;
    byte[] b = buf;
    int s = start;
    int last = limit - 1;
    while (last >= end && b[last] != '\n') {
      last--;
    }
    if (last >= end) {
      s = runs(b, s, last, target);
    }
    while (limit - s > maxLine) {
      target.line(b, s, maxLine, true);
      s += maxLine;
    }
    end = limit;
    start = s;
    if (start > 0) {
      System.arraycopy(b, start, b, 0, end - start);
      end -= start;
      start = 0;
    }
    resize(filled, n);
  }

  /**
   * Hands out {@code b[s .. last]} ({@code b[last]} is a {@code '\n'}): as one run when it is no
   * longer than a line may be (then no line in it is too long), else cut at the last line end
   * within reach, with pieces of any line longer than {@code maxLine}. Returns {@code last + 1}.
   */
  private int runs(byte[] b, int s, int last, Target target) {
    while (last - s > maxLine) {
      // a '\n' right after maxLine bytes still ends a whole line
      int k = s + maxLine;
      while (k >= s && b[k] != '\n') {
        k--;
      }
      if (k >= s) {
        target.lines(b, s, k + 1 - s);
        s = k + 1;
      } else {
        target.line(b, s, maxLine, true);
        s += maxLine;
      }
    }
    if (last >= s) {
      target.lines(b, s, last + 1 - s);
    }
    return last + 1;
  }

  /**
   * Grows while reads fill the buffer (a busy stream: fewer, bigger reads) or a line begun takes
   * more than half of it; shrinks after many small reads with little pending.
   */
  private void resize(boolean filled, int n) {
    if ((filled || end > buf.length / 2) && buf.length < maxCapacity) {
      buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxCapacity));
      quietReads = 0;
    } else if (buf.length > initialCapacity && n <= initialCapacity / 2 && end <= initialCapacity / 2) {
      if (++quietReads >= QUIET_READS) {
        buf = Arrays.copyOf(buf, initialCapacity);
        quietReads = 0;
      }
    } else {
      quietReads = 0;
    }
  }

  /** The buffer's current size, 0 before the first read (for tests). */
  int capacity() {
    return buf.length;
  }

  /** The stream ended: hands out a last line that had no {@code '\n'}, if any. */
  void finish(Target target) {
    flush(target, false);
  }

  /**
   * This reader stops but the stream goes on (another reader continues it): hands out what it
   * holds as a piece marked partial, so that the next reader's first line completes it.
   */
  void detach(Target target) {
    flush(target, true);
  }

  private void flush(Target target, boolean partial) {
    if (end > start) {
      target.line(buf, start, end - start, partial);
    }
    start = 0;
    end = 0;
    buf = NONE; // made again at a next read, if any
  }
}
