package dev.stack.nativ;

import com.sun.jna.Native;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Sees processes end without a thread per process: a pidfd (pidfd_open(2), Linux 5.3) per
 * process, watched by the {@link EventLoop}, becomes readable when the process ends. A child of
 * this JVM is then reaped with waitpid(2) for its exit code or signal; a re-adopted process (not
 * our child: init reaps it) is just gone. Where the kernel has no pidfds, processes are polled.
 * The callback never runs on the loop thread.
 */
final class ExitWatch {

  /** Receives how the process ended: an exit code, or the name of the signal that killed it; both null if unknown. */
  interface Ended {
    void ended(Integer code, String signal);
  }

  private static final long POLL_MS = 50;
  /**
   * Runs the callbacks (a restart starts the next run there). Idle threads are kept a while: with
   * fewer than three CPUs, CompletableFuture's default runs each task on a new thread, and making
   * one cost a restart about a millisecond. Unbounded, since a callback may block (a start).
   */
  private static final ExecutorService CALLBACKS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(null, r, "stack-native-exit", 512 * 1024);
        t.setDaemon(true);
        return t;
      });

  private final Supplier<EventLoop> loop;
  private final Supplier<ScheduledExecutorService> poller;

  ExitWatch(Supplier<EventLoop> loop, Supplier<ScheduledExecutorService> poller) {
    this.loop = loop;
    this.poller = poller;
  }

  /** Watches {@code pid}, a child of this JVM, and reaps it once it ends. */
  void child(int pid, Ended ended) {
    int fd = pidfdOpen(pid);
    if (fd < 0) {
      poll(() -> reap(pid, ended), ended);
      return;
    }
    watch(fd, () -> reap(pid, ended));
  }

  /**
   * Watches {@code pid}, which is not our child; {@code same} tells whether it still is the
   * process meant (not a reused pid).
   */
  void adopted(int pid, BooleanSupplier same, Ended ended) {
    int fd = pidfdOpen(pid);
    if (fd < 0 && Native.getLastError() != LibC.ESRCH) {
      poll(() -> {
        if (same.getAsBoolean()) {
          return false;
        }
        later(ended, null, null);
        return true;
      }, ended);
      return;
    }
    // opened after the check that found it: the pidfd is of the same process if it still is now
    if (fd < 0 || !same.getAsBoolean()) {
      Fifo.close(fd);
      later(ended, null, null);
      return;
    }
    watch(fd, () -> {
      later(ended, null, null);
      return true;
    });
  }

  /** Calls {@code check} each time {@code fd} is readable, until it returns true; then closes it. */
  private void watch(int fd, BooleanSupplier check) {
    long[] token = new long[1];
    IOException[] failed = new IOException[1];
    loop.get().call(() -> {
      try {
        token[0] = loop.get().add(fd, LibC.EPOLLIN, events -> {
          if (check.getAsBoolean()) {
            loop.get().remove(fd, token[0]);
            Fifo.close(fd);
          }
        });
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw new IllegalStateException(failed[0].getMessage(), failed[0]);
    }
  }

  private void poll(BooleanSupplier check, Ended ended) {
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    synchronized (task) {
      task.set(poller.get().scheduleWithFixedDelay(() -> {
        synchronized (task) {
          if (check.getAsBoolean()) {
            task.get().cancel(false);
          }
        }
      }, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS));
    }
  }

  /** Reaps {@code pid} if it has ended; true once it has (or is no child to reap). */
  private static boolean reap(int pid, Ended ended) {
    int[] status = new int[1];
    int r = LibC.INSTANCE.waitpid(pid, status, LibC.WNOHANG);
    if (r == 0 || r < 0 && Native.getLastError() == LibC.EINTR) {
      return false;
    }
    if (r < 0) {
      later(ended, null, null); // reaped by someone else: how it ended is lost
      return true;
    }
    int s = status[0];
    int sig = s & 0x7f;
    if (sig == 0) {
      later(ended, (s >> 8) & 0xff, null);
    } else if (sig != 0x7f) {
      later(ended, null, Signals.name(sig));
    } else {
      return false; // stopped, not ended (waitpid without WUNTRACED does not report this)
    }
    return true;
  }

  private static void later(Ended ended, Integer code, String signal) {
    CALLBACKS.execute(() -> ended.ended(code, signal));
  }

  private static int pidfdOpen(int pid) {
    return LibC.INSTANCE.syscall(LibC.SYS_PIDFD_OPEN, pid, 0);
  }
}
