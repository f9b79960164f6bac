package dev.stack.nativ;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread waiting in epoll(7) for every file descriptor of this backend: output FIFOs (read
 * non-blocking) and pidfds (readable once their process has ended). Handlers run on that thread,
 * so they must never block; whatever may block is handed to another executor.
 */
final class EventLoop {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final int MAX_EVENTS = 64;
  /** x86-64 packs struct epoll_event (12 bytes); other 64-bit ABIs align its u64 (16 bytes). */
  private static final int EVENT_SIZE = Platform.isIntel() && Platform.is64Bit() ? 12 : 16;
  private static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;
  private static final long WAKE = 0;
  /** How much one read(2) may take; shared by every stream, since only the loop thread reads. */
  static final int READ_SIZE = 1 << 20;

  private static final class Holder {
    static final EventLoop SHARED = start();
  }

  /** What to do when a registered fd is ready; runs on the loop thread. */
  interface Handler {
    void ready(int events);
  }

  private final int epfd;
  private final int wakeFd;
  private final Map<Long, Handler> handlers = new ConcurrentHashMap<>();
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicLong tokens = new AtomicLong(WAKE);
  private final Memory readBuffer = new Memory(READ_SIZE);
  private final Memory ctlEvent = new Memory(16);
  private volatile Thread thread;

  private EventLoop(int epfd, int wakeFd) {
    this.epfd = epfd;
    this.wakeFd = wakeFd;
  }

  /** The loop of this JVM, started on first use. */
  static EventLoop shared() {
    return Holder.SHARED;
  }

  private static EventLoop start() {
    LibC c = LibC.INSTANCE;
    int ep = c.epoll_create1(LibC.O_CLOEXEC);
    if (ep < 0) {
      throw new IllegalStateException("epoll_create1: errno " + Native.getLastError());
    }
    int wake = c.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
    if (wake < 0) {
      throw new IllegalStateException("eventfd: errno " + Native.getLastError());
    }
    EventLoop loop = new EventLoop(ep, wake);
    try {
      loop.control(LibC.EPOLL_CTL_ADD, wake, LibC.EPOLLIN, WAKE);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    Thread t = new Thread(loop::run, "stack-io");
    t.setDaemon(true);
    loop.thread = t;
    t.start();
    return loop;
  }

  /** Whether the caller is the loop thread. */
  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Watches {@code fd} for {@code events} (level-triggered) until {@link #remove}.
   *
   * @return the registration's token, for {@link #remove}
   */
  long add(int fd, int events, Handler handler) throws IOException {
    long token = tokens.incrementAndGet();
    handlers.put(token, handler);
    try {
      control(LibC.EPOLL_CTL_ADD, fd, events, token);
    } catch (IOException e) {
      handlers.remove(token);
      throw e;
    }
    return token;
  }

  /** Stops watching {@code fd}; its handler is not called again once this returns on the loop thread. */
  void remove(int fd, long token) {
    handlers.remove(token);
    try {
      control(LibC.EPOLL_CTL_DEL, fd, 0, token);
    } catch (IOException e) {
      LOG.debug("{}", e.getMessage());
    }
  }

  /** Runs {@code task} on the loop thread (soon, after the events at hand). */
  void execute(Runnable task) {
    tasks.add(task);
    LibC.INSTANCE.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
  }

  /** Runs {@code task} on the loop thread and waits for it (at once when called there). */
  void call(Runnable task) {
    if (inLoop()) {
      task.run();
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    execute(() -> {
      try {
        task.run();
      } finally {
        done.complete(null);
      }
    });
    done.join();
  }

  /** The loop thread's read buffer; only the loop thread may use it. */
  Memory readBuffer() {
    return readBuffer;
  }

  private synchronized void control(int op, int fd, int events, long token) throws IOException {
    ctlEvent.setInt(0, events);
    ctlEvent.setLong(DATA_OFFSET, token);
    if (LibC.INSTANCE.epoll_ctl(epfd, op, fd, ctlEvent) != 0) {
      throw new IOException("epoll_ctl " + op + " of fd " + fd + ": errno " + Native.getLastError());
    }
  }

  private void run() {
    Memory events = new Memory((long) EVENT_SIZE * MAX_EVENTS);
    Memory drain = new Memory(8);
    while (true) {
      int n;
      try {
        n = FastIo.epoll_wait(epfd, events, MAX_EVENTS, -1);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != LibC.EINTR) {
          LOG.error("epoll_wait failed: errno {}; output and exits are no longer watched", e.getErrorCode());
          return;
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        long token = events.getLong((long) i * EVENT_SIZE + DATA_OFFSET);
        if (token == WAKE) {
          LibC.INSTANCE.read(wakeFd, drain, 8);
          continue;
        }
        Handler h = handlers.get(token);
        if (h != null) {
          try {
            h.ready(events.getInt((long) i * EVENT_SIZE));
          } catch (RuntimeException | Error e) {
            LOG.warn("event handler failed: {}", e.toString(), e);
          }
        }
      }
      for (Runnable task; (task = tasks.poll()) != null; ) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          LOG.warn("event loop task failed: {}", e.toString(), e);
        }
      }
    }
  }
}
