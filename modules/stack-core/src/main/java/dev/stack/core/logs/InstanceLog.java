package dev.stack.core.logs;

import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer of one instance's log file: a buffer (64 KiB; 256 KiB once it fills) in front of an
 * append-only channel, rotation by size. Lines (or runs of them) are copied into the buffer under a lock no other
 * instance shares; a full buffer is handed to the store's {@link LogWriter} thread and the next
 * one fills meanwhile, so a busy service's output is read and written at the same time. Up to
 * {@link HandOffQueue#MAX_IN_FLIGHT} full buffers wait for the writer thread in the log's
 * {@link HandOffQueue}, so that it always finds the next one ready and the reader waits for it
 * only when the disk is really behind. A quiet buffer is written by the {@link LogFlusher}, and
 * {@link #flush}, {@link #close} and rotation (the renames are the {@link LogRotator}'s) first
 * wait for the buffers in hand. Nothing is allocated per line; a busy instance keeps its buffers
 * until it is quiet again.
 */
final class InstanceLog {

  /** The buffer an instance starts with, and keeps while quiet. */
  static final int BUFFER_SIZE = 64 * 1024;
  private static final int LINE = 0;
  private static final int PIECE = 1;
  private static final int RUN = 2;

  private final Path file;
  private final Runnable onDirty;
  private final LogWriter writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final HandOffQueue handOffs = new HandOffQueue(this, lock);
  private final byte[] header = new byte[LogFormat.HEADER_LENGTH + 2];
  private final byte[] second = new byte[19];
  private volatile LogSpec spec;
  private volatile long maxBytes;

  private FileChannel channel;
  /** The buffer lines are copied into. */
  private ByteBuffer buffer;
  /** The flusher was asked to write out what the buffer holds and has not done it yet. */
  private boolean flushAsked;
  /** A buffer was handed off since the flusher last looked: the instance is busy. */
  private boolean handedOff;
  private long size;
  private Stream lastStream;
  private long lastMillis;
  private long formattedSecond = Long.MIN_VALUE;
  /** Bit per stream with a long line whose last piece has not come yet. */
  private int openLines;

  InstanceLog(Path file, LogSpec spec, Runnable onDirty, LogWriter writer) {
    this.file = file;
    this.onDirty = onDirty;
    this.writer = writer;
    configure(spec);
  }

  void configure(LogSpec spec) {
    this.spec = spec;
    this.maxBytes = spec.maxSize().bytes();
  }

  Path file() {
    return file;
  }

  /** Appends one line or piece; see {@link LogFormat}. */
  void line(Stream stream, long millis, byte[] b, int off, int len, boolean partial) throws IOException {
    append(stream, millis, b, off, len, partial ? PIECE : LINE);
  }

  /**
   * Appends a run of whole lines, each ending in {@code '\n'} (see {@link LogSink#lines}): one
   * header, then the lines copied in bulk, only lines starting with {@code @} escaped. The file
   * rotates at the first line end past the size limit, as it would line by line.
   */
  void lines(Stream stream, long millis, byte[] b, int off, int len) throws IOException {
    append(stream, millis, b, off, len, RUN);
  }

  private void append(Stream stream, long millis, byte[] b, int off, int len, int kind) throws IOException {
    lock.lock();
    try {
      if (channel == null) {
        open();
      }
      if (kind != RUN && len + 3 > buffer.remaining() && len + 3 <= buffer.capacity()) {
        handOff(); // keep short lines whole in one write
      }
      if (kind == RUN) {
        appendRun(stream, millis, b, off, off + len);
      } else {
        appendLine(stream, millis, b, off, len, kind == PIECE);
      }
      if (!flushAsked && buffer != null && buffer.position() > 0) {
        // once per flush, not only when the buffer was empty: after a hand-off it never is
        flushAsked = true;
        onDirty.run();
      }
    } catch (IOException | RuntimeException e) {
      discard();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private void appendLine(Stream stream, long millis, byte[] b, int off, int len, boolean partial) throws IOException {
    if (stream != lastStream || millis != lastMillis) {
      writeHeader(stream, millis);
    }
    if (partial) {
      put(LogFormat.MARK);
      put(LogFormat.PIECE);
    } else if (len > 0 && b[off] == LogFormat.MARK) {
      put(LogFormat.MARK);
    }
    if (len < buffer.remaining()) {
      buffer.put(b, off, len).put(LogFormat.NL); // the common case, without the checks of put()
      size += len + 1;
    } else {
      put(b, off, len);
      put(LogFormat.NL);
    }
    int bit = 1 << stream.ordinal();
    openLines = partial ? openLines | bit : openLines & ~bit;
    if (size >= maxBytes && openLines == 0) {
      rotate();
    }
  }

  private void appendRun(Stream stream, long millis, byte[] b, int off, int end) throws IOException {
    int bit = 1 << stream.ordinal();
    while (off < end) {
      if (stream != lastStream || millis != lastMillis) {
        writeHeader(stream, millis);
      }
      int stop = end;
      long room = maxBytes - size;
      if (room < end - off && (openLines & ~bit) == 0) {
        // the line that reaches the limit ends this file
        stop = off + (int) Math.max(0, room - 1);
        while (b[stop] != LogFormat.NL && stop < end - 1) {
          stop++;
        }
        stop++;
      }
      putEscaped(b, off, stop);
      openLines &= ~bit;
      off = stop;
      if (size >= maxBytes && openLines == 0) {
        rotate();
      }
    }
  }

  /** Copies whole lines {@code b[from .. to)}, doubling the {@code @} of lines that start with one. */
  private void putEscaped(byte[] b, int from, int to) throws IOException {
    int seg = from;
    for (int at = LogFormat.indexOfMark(b, from, to); at >= 0; at = LogFormat.indexOfMark(b, at + 1, to)) {
      if (at == from || b[at - 1] == LogFormat.NL) {
        put(b, seg, at - seg);
        put(LogFormat.MARK);
        seg = at;
      }
    }
    put(b, seg, to - seg);
  }

  /** Writes buffered bytes to the file (not fsync: they survive the agent, not the machine). */
  void flush() throws IOException {
    lock.lock();
    try {
      writeOut();
    } finally {
      lock.unlock();
    }
  }

  /**
   * For the {@link LogFlusher}: writes out a buffer that stopped filling. One that filled and was
   * handed off since the flusher last looked is busy: its bytes go out with its next hand-off,
   * and the flusher looks again after its delay, so that a busy instance is not made to wait for
   * its writes (and keeps its buffers) every few milliseconds.
   */
  void flushIfQuiet() throws IOException {
    lock.lock();
    try {
      if (handedOff) {
        handedOff = false;
        onDirty.run(); // still asked: once quiet, what is left is written out
      } else {
        writeOut();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The capacity of the buffer lines go into now, 0 without one (for tests). */
  int bufferCapacity() {
    lock.lock();
    try {
      return buffer == null ? 0 : buffer.capacity();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: writes the buffer out; a quiet instance keeps one small buffer. */
  private void writeOut() throws IOException {
    flushAsked = false;
    if (channel != null) {
      drain();
    }
    handOffs.dropSpares();
    if (buffer != null && buffer.capacity() > BUFFER_SIZE) {
      buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    }
  }

  /** Writes buffered bytes and releases the file and the buffer; the next line opens them again. */
  void close() throws IOException {
    lock.lock();
    try {
      if (channel != null) {
        try {
          drain();
        } finally {
          discard();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops buffered bytes and deletes the file and its rotated files. */
  void purge() throws IOException {
    lock.lock();
    try {
      discard();
      Files.deleteIfExists(file);
      for (int n = 1; Files.exists(LogFiles.rotated(file, n)) || n <= spec.keep(); n++) {
        Files.deleteIfExists(LogFiles.rotated(file, n));
      }
    } finally {
      lock.unlock();
    }
  }

  private void writeHeader(Stream stream, long millis) throws IOException {
    long sec = Math.floorDiv(millis, 1000L);
    if (sec != formattedSecond) {
      LogFormat.formatSecond(sec, second);
      formattedSecond = sec;
    }
    int n = LogFormat.header(header, 0, second, millis, stream, openLines != 0);
    put(header, 0, n);
    put(LogFormat.NL);
    lastStream = stream;
    lastMillis = millis;
  }

  private void put(byte b) throws IOException {
    if (!buffer.hasRemaining()) {
      handOff();
    }
    buffer.put(b);
    size++;
  }

  private void put(byte[] b, int off, int len) throws IOException {
    size += len;
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        handOff();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Writes the buffer out here and now, after what the writer thread has in hand. */
  private void drain() throws IOException {
    handOffs.awaitWritten();
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /**
   * Hands the full buffer to the writer thread (see {@link HandOffQueue#handOff}) and goes on
   * filling the next one.
   */
  private void handOff() throws IOException {
    ByteBuffer next = handOffs.handOff(buffer, channel);
    handedOff = true;
    buffer = next;
    writer.submit(handOffs);
  }

  /** For the {@link HandOffQueue}, under the lock: whether lines have a buffer (none once discarded). */
  boolean hasBuffer() {
    return buffer != null;
  }

  private void open() throws IOException {
    Files.createDirectories(file.getParent());
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
    if (buffer == null) {
      buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    }
    lastStream = null;
    openLines = 0;
    if (size > 0 && !endsWithNewline()) {
      put(LogFormat.NL); // a record torn by a crash ends here and cannot swallow the next header
    }
  }

  private boolean endsWithNewline() throws IOException {
    try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      read.read(last, read.size() - 1);
      return last.get(0) == LogFormat.NL;
    }
  }

  private void rotate() throws IOException {
    drain();
    channel.close();
    channel = null;
    LogRotator.rotate(file, spec.keep());
    open();
  }

  private void discard() {
    handOffs.discard();
    flushAsked = false;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the channel is gone either way; the next line opens it again
      }
    }
    channel = null;
    buffer = null;
  }
}
