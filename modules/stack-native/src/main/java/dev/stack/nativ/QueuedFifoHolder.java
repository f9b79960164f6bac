package dev.stack.nativ;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands holds and releases to another {@link FifoHolder} on one thread of its own, in the order
 * asked: a start or restart does not wait for them (telling the agent's watchdog costs about a
 * millisecond per FIFO, four per restart). Holds and releases name a path, and a restart's fresh
 * FIFOs have the path of the run before; the order keeps the old run's release before the new
 * run's hold. Meanwhile the backend's own read-write ends keep each pipe alive.
 *
 * <p>Queued work also waits while a start is on its way to the spawn ({@link #pause}): on a
 * machine with few CPUs, telling the watchdog at the same time (it and this thread) delayed the
 * spawn by about 3 ms a restart.
 *
 * <p>What is queued by the time the thread gets to it goes to the target at once, in order
 * ({@link FifoHolder#apply}): an {@code up} of 100 services queues 200 holds in a burst, and telling
 * them one by one cost the agent ~130 ms of CPU (two threads, schedstat) while the services started.
 */
final class QueuedFifoHolder implements FifoHolder {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedFifoHolder.class);
  /** Bounds the wait: starts that keep coming (an up of many, crash loops) must not hold the queue back for long. */
  static final long MAX_PAUSE_MS = 100;

  private final FifoHolder target;
  /** One thread at most, so tasks run in the order queued; it ends when idle. */
  private final ExecutorService queue = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
    Thread t = new Thread(null, r, "stack-fifo-hold", 256 * 1024);
    t.setDaemon(true);
    return t;
  });

  /** Changes not handed to the target yet, in the order asked. */
  private final ConcurrentLinkedQueue<Queued> pending = new ConcurrentLinkedQueue<>();

  private record Queued(Change change, long queuedAt) {}

  /** Starts on their way to the spawn; guarded by {@code this}. */
  private int pauses;

  QueuedFifoHolder(FifoHolder target) {
    this.target = target;
  }

  /** Holds queued work back until {@link #resume} (nested calls count); a task at most {@link #MAX_PAUSE_MS} after it was queued. */
  synchronized void pause() {
    pauses++;
  }

  synchronized void resume() {
    if (--pauses == 0) {
      notifyAll();
    }
  }

  private synchronized void awaitResumed(long queuedAt) {
    long deadline = queuedAt + TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MS);
    try {
      for (long left; pauses > 0 && (left = deadline - System.nanoTime()) > 0; ) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void hold(Path fifo) {
    later(new Change(fifo, true));
  }

  @Override
  public void release(Path fifo) {
    later(new Change(fifo, false));
  }

  private void later(Change change) {
    if (target == NONE) {
      return;
    }
    pending.add(new Queued(change, System.nanoTime()));
    try {
      queue.execute(this::drain);
    } catch (RejectedExecutionException closed) {
      drain(); // after close: at once, on the caller's thread
    }
  }

  /** Hands everything pending to the target in one call; nothing when an earlier drain took it. */
  private void drain() {
    Queued first = pending.peek();
    if (first == null) {
      return;
    }
    awaitResumed(first.queuedAt());
    List<Change> batch = new ArrayList<>();
    for (Queued q; (q = pending.poll()) != null; ) {
      batch.add(q.change());
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      target.apply(batch);
    } catch (RuntimeException e) {
      LOG.warn("cannot tell the FIFO holder {} change(s): {} (output written while the agent is down may block)",
          batch.size(), e.getMessage());
    }
  }

  /**
   * Finishes what is queued (the agent is stopping: a hold not yet told to the watchdog would
   * leave that pipe without a holder while no agent reads it), waiting {@code timeoutMs} at most.
   */
  void close(long timeoutMs) {
    queue.shutdown();
    try {
      if (!queue.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
        LOG.warn("FIFO holds still queued after {} ms; output written while the agent is down may block", timeoutMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
