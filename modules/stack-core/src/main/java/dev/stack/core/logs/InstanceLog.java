package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer of one instance's log file: a 64 KiB buffer in front of an append-only channel,
 * rotation by size. Its two streams are written by two reader threads; the lock is held only to
 * copy a line into the buffer (and to write the buffer out when it is full), and no other
 * instance shares it. Nothing is allocated per line.
 */
final class InstanceLog {

  static final int BUFFER_SIZE = 64 * 1024;

  private final Path file;
  private final Runnable onDirty;
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] header = new byte[LogFormat.HEADER_LENGTH + 2];
  private final byte[] second = new byte[19];
  private volatile LogSpec spec;
  private volatile long maxBytes;

  private FileChannel channel;
  private ByteBuffer buffer;
  private long size;
  private Stream lastStream;
  private long lastMillis;
  private long formattedSecond = Long.MIN_VALUE;
  /** Bit per stream with a long line whose last piece has not come yet. */
  private int openLines;

  InstanceLog(Path file, LogSpec spec, Runnable onDirty) {
    this.file = file;
    this.onDirty = onDirty;
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
    lock.lock();
    try {
      if (channel == null) {
        open();
      }
      if (len + 3 > buffer.remaining() && len + 3 <= BUFFER_SIZE) {
        drain(); // keep short lines whole in one write
      }
      boolean wasClean = buffer.position() == 0;
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
      if (wasClean && buffer != null && buffer.position() > 0) {
        onDirty.run();
      }
    } catch (IOException | RuntimeException e) {
      discard();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Writes buffered bytes to the file (not fsync: they survive the agent, not the machine). */
  void flush() throws IOException {
    lock.lock();
    try {
      if (channel != null) {
        drain();
      }
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
      drain();
    }
    buffer.put(b);
    size++;
  }

  private void put(byte[] b, int off, int len) throws IOException {
    size += len;
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
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
