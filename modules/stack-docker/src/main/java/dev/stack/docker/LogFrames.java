package dev.stack.docker;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Turns the engine's log frames ({@code <RFC 3339 nano timestamp> <text>}, one log message each)
 * into lines for a {@link LogSink}. The json-file driver splits a long line into 16 KiB messages,
 * all but the last without a trailing newline: those pieces are joined again, per stream, and a
 * line is delivered whole up to {@link #MAX_LINE}; longer ones go out in pieces of that size,
 * all but the last marked partial. A line takes the time of its first piece.
 *
 * <p>Not thread-safe: one follower feeds it.
 */
final class LogFrames {

  /** The longest line delivered in one piece: 1 MiB, as on the native backend. */
  static final int MAX_LINE = 1 << 20;

  private final InstanceId id;
  private final LogSink sink;
  private final Pending[] pending = {new Pending(), new Pending()};
  private Instant skipUpTo;
  private volatile Instant last;

  LogFrames(InstanceId id, LogSink sink) {
    this.id = id;
    this.sink = sink;
  }

  /**
   * Drops frames stamped at or before {@code time}: they were delivered before a re-attach, whose
   * {@code since} only counts whole seconds.
   */
  void skipUpTo(Instant time) {
    skipUpTo = time;
  }

  /** The time of the last frame taken, or null. */
  Instant last() {
    return last;
  }

  /** Takes one frame of {@code stream}. */
  void frame(LogSink.Stream stream, byte[] payload) {
    frame(stream, payload, 0, payload.length);
  }

  /** Takes one frame of {@code stream}: {@code len} bytes of {@code buf} from {@code off}. */
  void frame(LogSink.Stream stream, byte[] buf, int off, int len) {
    int end = off + len;
    int space = indexOf(buf, (byte) ' ', off, Math.min(end, off + 64));
    Instant time = space > off ? parse(buf, off, space) : null;
    int start = time == null ? off : space + 1;
    if (time == null) {
      time = Instant.now(); // a frame without the engine's stamp: say when we read it
    } else if (skipUpTo != null) {
      if (!time.isAfter(skipUpTo)) {
        return;
      }
      skipUpTo = null; // frames come in order: once past, nothing more to skip
    }
    last = time;
    Pending p = pending[stream.ordinal()];
    int from = start;
    for (int nl; (nl = indexOf(buf, (byte) '\n', from, end)) >= 0; from = nl + 1) {
      p.append(buf, from, nl - from, time, stream);
      p.deliver(stream, false);
    }
    if (from < end) {
      p.append(buf, from, end - from, time, stream); // continues in the next frame
    }
  }

  /** Delivers what is left of unfinished lines: the stream ended. */
  void flush() {
    for (LogSink.Stream stream : LogSink.Stream.values()) {
      Pending p = pending[stream.ordinal()];
      if (p.time != null) {
        p.deliver(stream, false);
      }
    }
  }

  private static Instant parse(byte[] buf, int from, int to) {
    try {
      return Instant.parse(new String(buf, from, to - from, StandardCharsets.US_ASCII));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  /** The unfinished line of one stream. */
  private final class Pending {
    private byte[] buf = new byte[256];
    private int len;
    private Instant time;

    void append(byte[] b, int off, int n, Instant at, LogSink.Stream stream) {
      if (time == null) {
        time = at;
      }
      while (len + n > MAX_LINE) {
        int take = MAX_LINE - len;
        put(b, off, take);
        off += take;
        n -= take;
        deliver(stream, true);
        time = at;
      }
      put(b, off, n);
    }

    private void put(byte[] b, int off, int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(len + n, Math.min(MAX_LINE, buf.length * 2)));
      }
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    void deliver(LogSink.Stream stream, boolean partial) {
      sink.line(id, stream, time, buf, 0, len, partial);
      len = 0;
      time = null;
      if (buf.length > 64 * 1024) {
        buf = new byte[256]; // do not keep a megabyte per stream after one long line
      }
    }
  }
}
