package dev.stack.core.logs;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * The store's one write-behind thread: writes the full buffers instances hand off
 * ({@link InstanceLog#writeHandedOff}), in the order handed off. Started on the first hand-off,
 * so a store of quiet services has none; it then waits in a queue and costs no wake-ups.
 */
final class LogWriter implements AutoCloseable {

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Object stop = new Object();
  private Thread thread;

  /** Queues the buffer {@code log} has in hand for writing. */
  synchronized void submit(InstanceLog log) {
    if (thread == null) {
      Thread t = new Thread(null, this::run, "log-writer", 256 * 1024);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    queue.add(log);
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
      ((InstanceLog) next).writeHandedOff();
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
