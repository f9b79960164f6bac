package dev.stack.nativ;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The two output FIFOs of an instance ({@code out}, {@code err} in its run folder), this backend's
 * read-write ends of them (which make a reader's open return at once, size the pipes, and hold
 * them until the instance ends), the {@link FifoHolder}'s hold, and one reader per stream.
 */
final class OutputPipes {

  private final Path out;
  private final Path err;
  private final FifoHolder holder;
  private final int[] keepers = {-1, -1};
  private StreamReader outReader;
  private StreamReader errReader;
  private boolean closed;

  private OutputPipes(Path runDir, FifoHolder holder) {
    this.out = runDir.resolve("out");
    this.err = runDir.resolve("err");
    this.holder = holder;
  }

  /**
   * Opens the FIFOs of {@code runDir} and starts reading them.
   *
   * @param fresh create new FIFOs (a start) rather than continue existing ones (a recover)
   */
  static OutputPipes open(Path runDir, boolean fresh, InstanceId id, LogSink sink, FifoHolder holder) throws IOException {
    OutputPipes p = prepare(runDir, fresh, holder);
    p.read(id, sink);
    return p;
  }

  /**
   * Opens the FIFOs of {@code runDir} without reading them yet: what is written before
   * {@link #read} waits in the pipe, which this backend's ends keep alive. A start spawns the
   * service in between, so that starting the readers does not delay it.
   */
  static OutputPipes prepare(Path runDir, boolean fresh, FifoHolder holder) throws IOException {
    OutputPipes p = new OutputPipes(runDir, holder);
    try {
      if (fresh) {
        Files.createDirectories(runDir);
        // a fresh inode: a reader still draining the previous run keeps the old one
        Fifo.create(p.out);
        Fifo.create(p.err);
      } else if (!Fifo.isFifo(p.out) || !Fifo.isFifo(p.err)) {
        throw new IOException("no output FIFOs in " + runDir);
      }
      p.keepers[0] = Fifo.openKeeper(p.out);
      p.keepers[1] = Fifo.openKeeper(p.err);
      holder.hold(p.out);
      holder.hold(p.err);
      return p;
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** Starts reading both FIFOs; on failure they are closed. */
  void read(InstanceId id, LogSink sink) throws IOException {
    try {
      outReader = new StreamReader(id, LogSink.Stream.OUT, out, sink).start();
      errReader = new StreamReader(id, LogSink.Stream.ERR, err, sink).start();
    } catch (IOException | RuntimeException e) {
      close();
      if (outReader != null) {
        outReader.detach();
      }
      throw e;
    }
  }

  /**
   * For a re-adopted instance whose FIFOs are gone: nothing to read (its output is lost, and it
   * blocks once its pipe is full), but it is still supervised and stoppable.
   */
  static OutputPipes unread(Path runDir) {
    OutputPipes p = new OutputPipes(runDir, FifoHolder.NONE);
    p.closed = true;
    return p;
  }

  Path out() {
    return out;
  }

  Path err() {
    return err;
  }

  /** The instance ended: let go of the pipes so the readers see the end once other writers are gone. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Fifo.close(keepers[0]);
    Fifo.close(keepers[1]);
    holder.release(out);
    holder.release(err);
  }

  /** Stops reading without ending anything; the holder keeps holding. */
  synchronized void detach() {
    closed = true;
    Fifo.close(keepers[0]);
    Fifo.close(keepers[1]);
    if (outReader != null) {
      outReader.detach();
      errReader.detach();
    }
  }

  /** Completes when both readers have finished. */
  CompletableFuture<Void> drained() {
    return outReader == null ? CompletableFuture.completedFuture(null)
        : CompletableFuture.allOf(outReader.done(), errReader.done());
  }

  long bytesRead() {
    return outReader == null ? 0 : outReader.bytes() + errReader.bytes();
  }
}
