package dev.stack.core.logs;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * The store's one write-behind thread: writes the full buffers instances hand off
 * ({@link HandOffQueue#writeOldest}), in the order handed off. Started on the first hand-off,
 * so a store of quiet services has none; it then waits in a queue and costs no wake-ups.
 */
final class LogWriter implements AutoCloseable {

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Object stop = new Object();
  private Thread thread;

  /** Queues the oldest buffer in {@code handOffs} for writing. */
  synchronized void submit(HandOffQueue handOffs) {
    if (thread == null) {
      Thread t = new Thread(null, this::run, "log-writer", 256 * 1024);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    queue.add(handOffs);
  }

  private void run() {
    while (true) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == stop) {
        return;
      }
      ((HandOffQueue) next).writeOldest();
    }
  }

  /** Ends the thread once it has written everything queued before (the instances wait for that themselves). */
  @Override
  public synchronized void close() {
    if (thread != null) {
      queue.add(stop);
      thread = null;
    }
  }
}
