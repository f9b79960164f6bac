package dev.stack.nativ;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link FifoHolder} inside this JVM: keeps FIFOs alive while readers come and go (tests, and a
 * foreground mode without a watchdog). It does not outlive the JVM.
 */
public final class InJvmFifoHolder implements FifoHolder, AutoCloseable {

  private final Map<Path, RandomAccessFile> held = new HashMap<>();

  @Override
  public synchronized void hold(Path fifo) {
    Path key = fifo.toAbsolutePath();
    if (held.containsKey(key)) {
      return;
    }
    try {
      // read-write: open(2) of a FIFO does not wait for the other side then
      held.put(key, new RandomAccessFile(key.toFile(), "rw"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hold " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void release(Path fifo) {
    RandomAccessFile f = held.remove(fifo.toAbsolutePath());
    if (f != null) {
      try {
        f.close();
      } catch (IOException ignored) {
        // closing a FIFO end cannot lose data
      }
    }
  }

  /** Whether {@code fifo} is held now. */
  public synchronized boolean holds(Path fifo) {
    return held.containsKey(fifo.toAbsolutePath());
  }

  @Override
  public synchronized void close() {
    for (Path p : held.keySet().toArray(new Path[0])) {
      release(p);
    }
  }
}
