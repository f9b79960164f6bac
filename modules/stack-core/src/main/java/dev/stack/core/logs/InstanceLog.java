package dev.stack.core.logs;

import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer of one instance's log file: a 64 KiB buffer in front of an append-only channel,
 * rotation by size. Lines (or runs of them) are copied into the buffer under a lock no other
 * instance shares; a full buffer is handed to the store's {@link LogWriter} thread and a second
 * one fills meanwhile, so a busy service's output is read and written at the same time. A quiet
 * buffer is written by the {@link LogFlusher}, and {@link #flush}, {@link #close} and rotation
 * first wait for the buffer in hand. Nothing is allocated per line.
 */
final class InstanceLog {

  static final int BUFFER_SIZE = 64 * 1024;
  private static final int LINE = 0;
  private static final int PIECE = 1;
  private static final int RUN = 2;

  private final Path file;
  private final Runnable onDirty;
  private final LogWriter writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private final byte[] header = new byte[LogFormat.HEADER_LENGTH + 2];
  private final byte[] second = new byte[19];
  private volatile LogSpec spec;
  private volatile long maxBytes;

  private FileChannel channel;
  /** The buffer lines are copied into. */
  private ByteBuffer buffer;
  /** A full buffer the writer thread is writing to {@link #inFlightChannel}, or null. */
  private ByteBuffer inFlight;
  private FileChannel inFlightChannel;
  /** The buffer last written by the writer thread, for the next hand-off; dropped when quiet. */
  private ByteBuffer spare;
  private IOException writeFailed;
  /** The flusher was asked to write out what the buffer holds and has not done it yet. */
  private boolean flushAsked;
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
      if (kind != RUN && len + 3 > buffer.remaining() && len + 3 <= BUFFER_SIZE) {
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
      flushAsked = false;
      if (channel != null) {
        drain();
      }
      spare = null; // a quiet instance keeps one buffer
    } finally {
      lock.unlock();
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
    awaitWritten();
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /**
   * Hands a full buffer to the writer thread, up to its last line end (a reader of the file sees
   * whole lines; a buffer without a line end goes whole), and goes on filling the other one, so
   * that reading the service's output and writing the file overlap. One buffer is in hand at a
   * time: the next hand-off waits for it, which keeps the order and bounds the memory.
   */
  private void handOff() throws IOException {
    awaitWritten();
    int pos = buffer.position();
    int last = pos - 1;
    while (last >= 0 && buffer.get(last) != LogFormat.NL) {
      last--;
    }
    int cut = last < 0 ? pos : last + 1;
    ByteBuffer next = spare != null ? spare : ByteBuffer.allocateDirect(BUFFER_SIZE);
    spare = null;
    buffer.flip();
    next.put(buffer.duplicate().position(cut)); // the line begun goes on in the next buffer
    inFlight = buffer.limit(cut);
    inFlightChannel = channel;
    buffer = next;
    writer.submit(this);
  }

  /** On the writer thread: writes the buffer handed off, without the lock (the other buffer fills meanwhile). */
  void writeHandedOff() {
    ByteBuffer b;
    FileChannel ch;
    lock.lock();
    try {
      b = inFlight;
      ch = inFlightChannel;
    } finally {
      lock.unlock();
    }
    IOException failed = null;
    try {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (IOException e) {
      failed = e;
    }
    lock.lock();
    try {
      writeFailed = failed;
      spare = buffer != null ? b.clear() : null;
      inFlight = null;
      inFlightChannel = null;
      written.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the writer thread has written what it has in hand; its failure is this caller's. */
  private void awaitWritten() throws IOException {
    while (inFlight != null) {
      written.awaitUninterruptibly();
    }
    IOException e = writeFailed;
    if (e != null) {
      writeFailed = null;
      throw e;
    }
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
    int keep = spec.keep();
    for (int n = keep + 1; Files.deleteIfExists(LogFiles.rotated(file, n)); n++) {
      // a smaller keep than before: drop what is now beyond it
    }
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      for (int n = keep - 1; n >= 1; n--) {
        Path from = LogFiles.rotated(file, n);
        if (Files.exists(from)) {
          Files.move(from, LogFiles.rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, LogFiles.rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private void discard() {
    while (inFlight != null) {
      written.awaitUninterruptibly(); // the writer thread is done with the channel before it closes
    }
    writeFailed = null;
    spare = null;
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
