package dev.stack.nativ;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands holds and releases to another {@link FifoHolder} on one thread of its own, in the order
 * asked: a start or restart does not wait for them (telling the agent's watchdog costs about a
 * millisecond per FIFO, four per restart). Holds and releases name a path, and a restart's fresh
 * FIFOs have the path of the run before; the order keeps the old run's release before the new
 * run's hold. Meanwhile the backend's own read-write ends keep each pipe alive.
 */
final class QueuedFifoHolder implements FifoHolder {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedFifoHolder.class);

  private final FifoHolder target;
  /** One thread at most, so tasks run in the order queued; it ends when idle. */
  private final ExecutorService queue = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
    Thread t = new Thread(null, r, "stack-fifo-hold", 256 * 1024);
    t.setDaemon(true);
    return t;
  });

  QueuedFifoHolder(FifoHolder target) {
    this.target = target;
  }

  /** {@code holder}, queued; {@link FifoHolder#NONE} as it is. */
  static FifoHolder of(FifoHolder holder) {
    return holder == NONE ? NONE : new QueuedFifoHolder(holder);
  }

  @Override
  public void hold(Path fifo) {
    later(fifo, target::hold, "cannot hold {}: {} (output written while the agent is down may block)");
  }

  @Override
  public void release(Path fifo) {
    later(fifo, target::release, "cannot release {}: {}");
  }

  private void later(Path fifo, Consumer<Path> action, String failure) {
    queue.execute(() -> {
      try {
        action.accept(fifo);
      } catch (RuntimeException e) {
        LOG.warn(failure, fifo, e.getMessage());
      }
    });
  }
}
