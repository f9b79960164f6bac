package dev.stack.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads complete lines of a file range forward, a chunk at a time. A last line without its
 * newline is not delivered: a writer may still be writing it (or crashed while writing it).
 */
final class LineCursor {

  /** Receives a line without its newline; the bytes are only valid during the call. */
  interface Lines {
    void line(byte[] b, int off, int len, long fileOffset);
  }

  private final FileChannel channel;
  private byte[] buf;
  /** File offset of {@code buf[0]}, which is also where the next undelivered line starts. */
  private long base;
  private int len;
  private long limit;

  LineCursor(FileChannel channel, long from, long limit, int chunk) {
    this.channel = channel;
    this.base = from;
    this.limit = limit;
    this.buf = new byte[chunk];
  }

  /** The offset after the last line delivered. */
  long position() {
    return base;
  }

  /** Lets the range grow (a followed file). */
  void limit(long limit) {
    this.limit = limit;
  }

  /** Reads one chunk and delivers the lines it completes; false when the range is used up. */
  boolean advance(Lines lines) throws IOException {
    long readAt = base + len;
    if (readAt >= limit) {
      return false;
    }
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // one line longer than the buffer
    }
    int want = (int) Math.min(buf.length - len, limit - readAt);
    int n = channel.read(ByteBuffer.wrap(buf, len, want), readAt);
    if (n <= 0) {
      return false;
    }
    int start = 0;
    for (int i = len, end = len + n; i < end; i++) {
      if (buf[i] == LogFormat.NL) {
        lines.line(buf, start, i - start, base + start);
        start = i + 1;
      }
    }
    len += n;
    System.arraycopy(buf, start, buf, 0, len - start);
    base += start;
    len -= start;
    return true;
  }

  /** Delivers every complete line up to the limit. */
  void readAll(Lines lines) throws IOException {
    while (advance(lines)) {
      // advance does the work
    }
  }
}
