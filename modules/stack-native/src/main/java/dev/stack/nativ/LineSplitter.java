package dev.stack.nativ;

/**
 * Splits a byte stream into lines at {@code '\n'} without copying complete lines: bytes are read
 * straight into {@link #buffer()} and lines are handed out as slices of it. A line longer than
 * {@code maxLine} is handed out as pieces of {@code maxLine} bytes with {@code partial} set, then
 * its rest without it. Not thread-safe: one splitter per stream.
 */
final class LineSplitter {

  /** Receives lines without their {@code '\n'}; the slice is only valid during the call. */
  interface Target {
    void line(byte[] buf, int off, int len, boolean partial);
  }

  /** Lines up to this many bytes stay whole (DESIGN: 1 MiB). */
  static final int MAX_LINE = 1 << 20;

  private final int maxLine;
  private final byte[] buf;
  private int start;
  private int end;

  LineSplitter(int maxLine, int readSize) {
    this.maxLine = maxLine;
    this.buf = new byte[maxLine + readSize];
  }

  /** Where to read into: {@code buffer()[writeOffset() .. writeOffset() + writable())}. */
  byte[] buffer() {
    return buf;
  }

  int writeOffset() {
    return end;
  }

  int writable() {
    return buf.length - end;
  }

  /** Bytes of a line begun but not ended yet. */
  int pending() {
    return end - start;
  }

  /** Takes {@code n} bytes just read into the buffer and hands out every line they complete. */
  void written(int n, Target target) {
    int i = end;
    int limit = end + n;
    end = limit;
    byte[] b = buf;
    int s = start;
    while (true) {
      // a '\n' right after maxLine bytes still ends a whole line
      int stop = Math.min(limit, s + maxLine + 1);
      while (i < stop && b[i] != '\n') {
        i++;
      }
      if (i < stop) {
        target.line(b, s, i - s, false);
        s = ++i;
      } else if (i < limit) {
        target.line(b, s, maxLine, true);
        s += maxLine;
      } else {
        break;
      }
    }
    while (limit - s > maxLine) {
      target.line(b, s, maxLine, true);
      s += maxLine;
    }
    start = s;
    if (start > 0) {
      System.arraycopy(b, start, b, 0, end - start);
      end -= start;
      start = 0;
    }
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
  }
}
