package dev.stack.core.spi;

import java.time.Instant;

/**
 * Where a backend delivers the output of an instance, line by line. The agent's log store
 * implements it. Lines arrive without their trailing newline; a line longer than the store's
 * record limit arrives in pieces, all but the last with {@code partial} set.
 */
public interface LogSink {

  /** Output streams. */
  enum Stream { OUT, ERR }

  /**
   * One line (or piece of one). The buffer is only valid during the call.
   *
   * @param time when stack read it (native) or when the engine stamped it (docker)
   */
  void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial);

  /**
   * A run of whole lines read at once: {@code buf[off .. off + len)} holds one or more lines, each
   * ending in {@code '\n'} (included, unlike {@link #line}), none longer than the record limit, the
   * first one completing a long line begun in pieces if there is one. A backend that reads in
   * chunks calls this once per chunk rather than {@link #line} once per line; the buffer is only
   * valid during the call. The default hands each line to {@link #line}.
   */
  default void lines(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len) {
    LineVisitor.eachLine(buf, off, len, (b, o, n) -> {
      line(id, stream, time, b, o, n, false);
      return true;
    });
  }

  /** Sets an instance's rotation before its first line (the log store honours it). */
  default void configure(InstanceId id, dev.stack.model.LogSpec spec) {}

  /** Makes everything an instance wrote so far durable: called when it stops. */
  default void flush(InstanceId id) {}
}
