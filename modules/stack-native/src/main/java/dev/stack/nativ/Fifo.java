package dev.stack.nativ;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Named pipes: creating them, and the backend's own read-write end that sizes the pipe. */
final class Fifo {

  /** How big a pipe is made: 1 MiB, or the host's {@code /proc/sys/fs/pipe-max-size} if lower. */
  static final int PIPE_SIZE = Math.min(1 << 20, pipeMaxSize());

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
   * Opens {@code path} read-write without blocking and enlarges its pipe. Being open read-write
   * keeps the pipe (and what is buffered in it) alive and lets a reader's open(2) return at once.
   *
   * @return the file descriptor, for {@link #close(int)}
   */
  static int openKeeper(Path path) throws IOException {
    int fd = LibC.INSTANCE.open(path.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("open " + path + ": errno " + Native.getLastError());
    }
    // the size belongs to the pipe, not this fd: it lasts while any end is open
    if (LibC.INSTANCE.fcntl(fd, LibC.F_GETPIPE_SZ, 0) < PIPE_SIZE) {
      LibC.INSTANCE.fcntl(fd, LibC.F_SETPIPE_SZ, PIPE_SIZE);
    }
    return fd;
  }

  static void close(int fd) {
    if (fd >= 0) {
      LibC.INSTANCE.close(fd);
    }
  }

  private static int pipeMaxSize() {
    try {
      return Integer.parseInt(Files.readString(Path.of("/proc/sys/fs/pipe-max-size")).trim());
    } catch (IOException | RuntimeException e) {
      return 1 << 20;
    }
  }
}
