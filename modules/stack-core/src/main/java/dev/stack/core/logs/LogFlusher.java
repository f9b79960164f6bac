package dev.stack.core.logs;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes out buffers that stopped filling, so that a quiet service's last line reaches the file
 * (and {@code logs -f}) within a few milliseconds. One small thread that sleeps until a buffer gets
 * bytes after its last write-out (asked once per write-out): an idle store costs no wake-ups.
 */
final class LogFlusher implements AutoCloseable {

  private final Collection<InstanceLog> logs;
  private final long delayNanos;
  private final Consumer<IOException> onError;
  private volatile boolean requested;
  private volatile boolean closed;
  private volatile Thread thread;

  LogFlusher(Collection<InstanceLog> logs, long delayNanos, Consumer<IOException> onError) {
    this.logs = logs;
    this.delayNanos = delayNanos;
    this.onError = onError;
  }

  /**
   * Asks for a write-out within the delay; cheap when one is already due. Asked again by the
   * flusher itself (a busy buffer, to be looked at again), it does not wake itself: its next
   * wait for the delay would return at once, and a busy instance would be written out at once.
   */
  void request() {
    if (!requested) {
      requested = true;
      Thread t = thread;
      if (t == null) {
        LockSupport.unpark(start());
      } else if (t != Thread.currentThread()) {
        LockSupport.unpark(t);
      }
    }
  }

  private synchronized Thread start() {
    if (thread == null) {
      Thread t = new Thread(null, this::run, "log-flusher", 256 * 1024);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    return thread;
  }

  private void run() {
    while (!closed) {
      while (!requested && !closed) {
        LockSupport.park(this);
      }
      // lines that come in a burst are written together, not one write each
      LockSupport.parkNanos(this, delayNanos);
      requested = false;
      for (InstanceLog log : logs) {
        try {
          log.flushIfQuiet();
        } catch (IOException e) {
          onError.accept(e);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
