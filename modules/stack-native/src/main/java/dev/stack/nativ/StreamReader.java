package dev.stack.nativ;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output FIFO of an instance, non-blocking, on the {@link EventLoop} (one thread for
 * every stream) and hands the lines of each read to the {@link LogSink} at once, stamped with the
 * time it was read.
 */
final class StreamReader {

  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
  /**
   * Reads per wake-up of one stream before the loop turns to the others (exits, other streams):
   * one read takes up to 1 MiB, and level-triggered epoll returns at once while more is waiting.
   */
  private static final int READS_PER_TURN = 1;

  private final InstanceId id;
  private final LogSink.Stream stream;
  private final Path fifo;
  private final LogSink sink;
  private final EventLoop loop;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final LineSplitter splitter = new LineSplitter(LineSplitter.MAX_LINE, EventLoop.READ_SIZE);
  private final LineSplitter.Target target = new LineSplitter.Target() {
    @Override
    public void line(byte[] buf, int off, int len, boolean partial) {
      try {
        sink.line(id, stream, now, buf, off, len, partial);
      } catch (RuntimeException e) {
        failed(e);
      }
    }

    @Override
    public void lines(byte[] buf, int off, int len) {
      try {
        sink.lines(id, stream, now, buf, off, len);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
  };
  private int fd = -1;
  /** The pipe was found busy once: it was enlarged then, or could not be. */
  private boolean sized;
  /** Bytes of pipe this reader took from {@link Fifo}'s budget, or 0. */
  private int enlarged;
  private long token;
  private Instant now;
  private volatile long bytes;

  StreamReader(InstanceId id, LogSink.Stream stream, Path fifo, LogSink sink) {
    this(id, stream, fifo, sink, EventLoop.shared());
  }

  StreamReader(InstanceId id, LogSink.Stream stream, Path fifo, LogSink sink, EventLoop loop) {
    this.id = id;
    this.stream = stream;
    this.fifo = fifo;
    this.sink = sink;
    this.loop = loop;
  }

  /**
   * Opens the FIFO (here, so that a failure is the caller's) and starts watching it. Some other
   * end should be open for writing already, or the stream ends at once.
   */
  StreamReader start() throws IOException {
    int f = LibC.INSTANCE.open(fifo.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    if (f < 0) {
      throw new IOException("open " + fifo + ": errno " + Native.getLastError());
    }
    // the fields are the loop thread's: set them there, before any event can come
    IOException[] failed = new IOException[1];
    loop.call(() -> {
      try {
        token = loop.add(f, LibC.EPOLLIN, this::ready);
        fd = f;
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      LibC.INSTANCE.close(f);
      throw failed[0];
    }
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
   * what is still in the pipe stays there for the next reader. Returns once the reader stopped.
   */
  void detach() {
    loop.call(() -> {
      if (fd >= 0) {
        now = Instant.now();
        splitter.detach(target);
        close();
      }
    });
  }

  private void ready(int events) {
    Memory mem = loop.readBuffer();
    for (int i = 0; i < READS_PER_TURN && fd >= 0; i++) {
      int want = (int) Math.min(splitter.writable(), mem.size());
      long n;
      try {
        n = FastIo.read(fd, mem, want);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
          return; // nothing more now; level-triggered epoll calls again when there is
        }
        LOG.warn("reading {} of {} failed: errno {}", stream, id.displayName(), e.getErrorCode());
        end();
        return;
      }
      if (n > 0) {
        if (n >= Fifo.DEFAULT_SIZE - 4096 && !sized) {
          sized = true; // a read found a new pipe (nearly) full: a busy stream
          enlarged = Fifo.enlarge(fd);
        }
        mem.read(0, splitter.buffer(), splitter.writeOffset(), (int) n);
        bytes += n;
        now = Instant.now();
        splitter.written((int) n, target);
        if (n < want) {
          return; // the pipe is empty now
        }
      } else {
        end();
      }
    }
  }

  private void end() {
    now = Instant.now();
    splitter.finish(target);
    close();
  }

  private void close() {
    loop.remove(fd, token);
    LibC.INSTANCE.close(fd);
    fd = -1;
    Fifo.released(enlarged);
    enlarged = 0;
    done.complete(null);
  }

  private void failed(RuntimeException e) {
    LOG.warn("log sink failed for {} of {}: {}", stream, id.displayName(), e.toString());
  }
}
