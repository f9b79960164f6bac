package dev.stack.nativ;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named pipes: creating them, the backend's own read-write end, and making the pipe of a busy
 * stream bigger.
 */
final class Fifo {

  /** The size of a new pipe (Linux). */
  static final int DEFAULT_SIZE = 64 * 1024;
  /** How big the pipe of a busy stream is made: 1 MiB, or the host's {@code /proc/sys/fs/pipe-max-size} if lower. */
  static final int PIPE_SIZE = Math.min(1 << 20, pipeMaxSize());
  /**
   * Bytes of enlarged pipes this process may still add: a quarter of the user's soft limit
   * ({@code /proc/sys/fs/pipe-user-pages-soft}; 0 there means none). Past that limit Linux gives
   * every new pipe of the user, the user's shell pipes included, two pages only.
   */
  private static final AtomicLong BUDGET = new AtomicLong(budget(readInt("/proc/sys/fs/pipe-user-pages-soft", 16384)));

  private Fifo() {}

  /** Creates a fresh FIFO at {@code path} (mode 0600), replacing whatever was there. */
  static void create(Path path) throws IOException {
    Files.deleteIfExists(path);
    if (LibC.INSTANCE.mkfifo(path.toString(), 0600) != 0) {
      throw new IOException("mkfifo " + path + ": errno " + Native.getLastError());
    }
  }

  static boolean isFifo(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & 0170000) == 0010000;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Opens {@code path} read-write without blocking. Being open read-write keeps the pipe (and
   * what is buffered in it) alive and lets a reader's open(2) return at once.
   *
   * @return the file descriptor, for {@link #close(int)}
   */
  static int openKeeper(Path path) throws IOException {
    int fd = LibC.INSTANCE.open(path.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("open " + path + ": errno " + Native.getLastError());
    }
    return fd;
  }

  /**
   * Makes the pipe of {@code fd} (any end) {@link #PIPE_SIZE} bytes, if the budget allows: a
   * stream that fills 64 KiB faster than it is read then writes 16 times as much per wake-up of
   * its reader, and waits less. The size belongs to the pipe and lasts while any end is open.
   *
   * @return the bytes taken from the budget (give them back with {@link #released}), or 0
   */
  static int enlarge(int fd) {
    int now = LibC.INSTANCE.fcntl(fd, LibC.F_GETPIPE_SZ, 0);
    int more = PIPE_SIZE - now;
    if (now <= 0 || more <= 0) {
      return 0;
    }
    if (BUDGET.addAndGet(-more) < 0) {
      BUDGET.addAndGet(more);
      return 0;
    }
    if (LibC.INSTANCE.fcntl(fd, LibC.F_SETPIPE_SZ, PIPE_SIZE) < PIPE_SIZE) {
      BUDGET.addAndGet(more);
      return 0;
    }
    return more;
  }

  /** Gives back what {@link #enlarge} took, once the reader let go of the pipe. */
  static void released(int bytes) {
    BUDGET.addAndGet(bytes);
  }

  static long budget(int softPages) {
    return softPages <= 0 ? Long.MAX_VALUE : softPages * 4096L / 4;
  }

  static void close(int fd) {
    if (fd >= 0) {
      LibC.INSTANCE.close(fd);
    }
  }

  static int pipeMaxSize() {
    return readInt("/proc/sys/fs/pipe-max-size", 1 << 20);
  }

  /**
   * A number from a sysctl file, read in one read(2) from the start: such a file answers only a
   * read at offset 0, and {@code Files.readString} (the file's size is 0) reads one byte first,
   * then gets nothing more: "1" for "1048576".
   */
  static int readInt(String sysctl, int otherwise) {
    try (InputStream in = Files.newInputStream(Path.of(sysctl))) {
      byte[] b = new byte[32];
      int n = in.read(b);
      return Integer.parseInt(new String(b, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
    } catch (IOException | RuntimeException e) {
      return otherwise;
    }
  }
}
