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
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer of one instance's log file: a buffer (64 KiB; 256 KiB once it fills) in front of an
 * append-only channel, rotation by size. Lines (or runs of them) are copied into the buffer under a lock no other
 * instance shares; a full buffer is handed to the store's {@link LogWriter} thread and the next
 * one fills meanwhile, so a busy service's output is read and written at the same time. Up to
 * {@link #MAX_IN_FLIGHT} full buffers wait for the writer thread, so that it always finds the next
 * one ready and the reader waits for it only when the disk is really behind. A quiet buffer is
 * written by the {@link LogFlusher}, and {@link #flush}, {@link #close} and rotation first wait
 * for the buffers in hand. Nothing is allocated per line; a busy instance keeps its buffers until
 * it is quiet again.
 */
final class InstanceLog {

  /** The buffer an instance starts with, and keeps while quiet. */
  static final int BUFFER_SIZE = 64 * 1024;
  /**
   * The buffers of an instance that fills them: a hand-off of 256 KiB costs the reader and the
   * writer thread about a quarter as many wake-ups per byte as one of 64 KiB (a service writing
   * `yes` lines was stored at ~600 MB/s rather than ~480 here, which is as fast as `yes > file`).
   */
  static final int BUSY_BUFFER_SIZE = 256 * 1024;
  /**
   * The writer thread writes a busy buffer in slices of this size, one write(2) each. The copy into
   * the page cache is what bounds a busy service's throughput (the writer thread spends ~80% of its
   * time in it), and on this host it went faster in 32-64 KiB writes than in 256 KiB ones, both
   * from the agent (yes-style service, A/B alternating: median ~420 vs ~380 MB/s) and from a plain
   * program writing a file (at most 622 vs 429 MB/s).
   */
  static final int WRITE_SLICE = 64 * 1024;
  /** Full buffers handed to the writer thread and not written yet, at most. */
  static final int MAX_IN_FLIGHT = 4;
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
  /** Full buffers for the writer thread, oldest first, all for {@link #inFlightChannel}. */
  private final ArrayDeque<ByteBuffer> inFlight = new ArrayDeque<>(MAX_IN_FLIGHT);
  private FileChannel inFlightChannel;
  /** Buffers the writer thread has written, for the next hand-offs; dropped when quiet. */
  private final ArrayDeque<ByteBuffer> spares = new ArrayDeque<>(MAX_IN_FLIGHT);
  private IOException writeFailed;
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
    spares.clear();
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
    awaitWritten();
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /**
   * Hands a full buffer to the writer thread, up to its last line end (a reader of the file sees
   * whole lines; a buffer without a line end goes whole), and goes on filling the next one, so
   * that reading the service's output and writing the file overlap. The writer thread writes them
   * in the order handed off; a hand-off with {@link #MAX_IN_FLIGHT} buffers in hand waits for the
   * oldest, which bounds the memory.
   */
  private void handOff() throws IOException {
    awaitInFlightAtMost(MAX_IN_FLIGHT - 1);
    rethrowWriteFailure();
    int pos = buffer.position();
    int last = pos - 1;
    while (last >= 0 && buffer.get(last) != LogFormat.NL) {
      last--;
    }
    int cut = last < 0 ? pos : last + 1;
    ByteBuffer next = spares.isEmpty() ? ByteBuffer.allocateDirect(BUSY_BUFFER_SIZE) : spares.pop();
    buffer.flip();
    next.put(buffer.duplicate().position(cut)); // the line begun goes on in the next buffer
    inFlight.addLast(buffer.limit(cut));
    inFlightChannel = channel;
    handedOff = true;
    buffer = next;
    writer.submit(this);
  }

  /** On the writer thread: writes the oldest buffer handed off, without the lock (the next one fills meanwhile). */
  void writeHandedOff() {
    ByteBuffer b;
    FileChannel ch;
    lock.lock();
    try {
      b = inFlight.peekFirst();
      ch = inFlightChannel;
    } finally {
      lock.unlock();
    }
    IOException failed = null;
    try {
      int end = b.limit();
      while (b.position() < end) {
        b.limit(Math.min(end, b.position() + WRITE_SLICE));
        while (b.hasRemaining()) {
          ch.write(b);
        }
        b.limit(end);
      }
    } catch (IOException e) {
      failed = e;
    }
    lock.lock();
    try {
      if (failed != null && writeFailed == null) {
        writeFailed = failed;
      }
      inFlight.pollFirst();
      if (buffer != null) {
        spares.push(b.clear());
      }
      if (inFlight.isEmpty()) {
        inFlightChannel = null;
      }
      written.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the writer thread has written all it has in hand; its failure is this caller's. */
  private void awaitWritten() throws IOException {
    awaitInFlightAtMost(0);
    rethrowWriteFailure();
  }

  /** Under the lock: waits until the writer thread has at most {@code n} buffers of ours in hand. */
  private void awaitInFlightAtMost(int n) {
    while (inFlight.size() > n) {
      written.awaitUninterruptibly();
    }
  }

  /** A failed write of the writer thread is thrown to the next caller that hands off or writes. */
  private void rethrowWriteFailure() throws IOException {
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
    awaitInFlightAtMost(0); // the writer thread is done with the channel before it closes
    writeFailed = null;
    spares.clear();
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
