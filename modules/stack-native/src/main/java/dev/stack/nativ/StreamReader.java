package dev.stack.nativ;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output FIFO of an instance on its own thread (Java cannot select() on pipes) in big
 * chunks and hands every line to the {@link LogSink}, stamped with the time it was read.
 */
final class StreamReader {

  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
  static final int READ_SIZE = 1 << 20;
  private static final long STACK_SIZE = 256 * 1024;

  private final InstanceId id;
  private final LogSink.Stream stream;
  private final Path fifo;
  private final LogSink sink;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile FileChannel channel;
  private volatile boolean detaching;
  private volatile long bytes;

  StreamReader(InstanceId id, LogSink.Stream stream, Path fifo, LogSink sink) {
    this.id = id;
    this.stream = stream;
    this.fifo = fifo;
    this.sink = sink;
  }

  /**
   * Opens the FIFO (here, so that a failure is the caller's) and starts the reading thread. Some
   * other end must be open read-write already, or the open waits for a writer.
   */
  StreamReader start() throws IOException {
    channel = FileChannel.open(fifo, StandardOpenOption.READ);
    Thread t = new Thread(null, this::run, "stack-read-" + id.qualified() + "-" + stream.name().toLowerCase(), STACK_SIZE);
    t.setDaemon(true);
    t.start();
    return this;
  }

  /** Completes when the stream ended (every writer closed it) or the reader was detached. */
  CompletableFuture<Void> done() {
    return done;
  }

  /** Bytes read so far. */
  long bytes() {
    return bytes;
  }

  /**
   * Stops reading without ending the stream: a line begun is handed out as a partial piece, and
   * what is still in the pipe stays there for the next reader.
   */
  void detach() {
    detaching = true;
    try {
      channel.close(); // wakes a read blocked in the other thread
    } catch (IOException ignored) {
      // nothing was written through this channel
    }
  }

  private void run() {
    LineSplitter splitter = new LineSplitter(LineSplitter.MAX_LINE, READ_SIZE);
    ByteBuffer view = ByteBuffer.wrap(splitter.buffer());
    Instant[] now = new Instant[1];
    LineSplitter.Target target = (buf, off, len, partial) -> deliver(now[0], buf, off, len, partial);
    try (FileChannel ch = channel) {
      while (true) {
        if (view.array() != splitter.buffer()) {
          view = ByteBuffer.wrap(splitter.buffer());
        }
        view.limit(splitter.writeOffset() + splitter.writable()).position(splitter.writeOffset());
        int n = ch.read(view);
        if (n < 0) {
          break;
        }
        bytes += n;
        now[0] = Instant.now();
        splitter.written(n, target);
      }
      now[0] = Instant.now();
      splitter.finish(target);
    } catch (ClosedChannelException e) {
      now[0] = Instant.now();
      if (detaching) {
        splitter.detach(target);
      } else {
        splitter.finish(target);
      }
    } catch (IOException e) {
      LOG.warn("reading {} of {} failed: {}", stream, id.displayName(), e.getMessage());
      now[0] = Instant.now();
      splitter.finish(target);
    } finally {
      done.complete(null);
    }
  }

  private void deliver(Instant time, byte[] buf, int off, int len, boolean partial) {
    try {
      sink.line(id, stream, time, buf, off, len, partial);
    } catch (RuntimeException e) {
      LOG.warn("log sink failed for {} of {}: {}", stream, id.displayName(), e.toString());
    }
  }
}
