package dev.stack.nativ;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls the JDK does not offer. Linux only (the constants below are Linux's). */
interface LibC extends Library {

  LibC INSTANCE = load();

  /** The C library by its soname ({@code libc.so.6}), found without a search path ({@link JnaSearch}). */
  private static LibC load() {
    JnaSearch.withoutLdconfig();
    return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
  }

  int O_RDONLY = 0;
  int O_RDWR = 2;
  int O_NONBLOCK = 04000;
  int O_CLOEXEC = 02000000;
  int F_SETPIPE_SZ = 1031;
  int F_GETPIPE_SZ = 1032;
  int ESRCH = 3;

  int kill(int pid, int sig);

  int mkfifo(String path, int mode);

  int open(String path, int flags);

  int close(int fd);

  int fcntl(int fd, int cmd, int arg);

  int getuid();

  int geteuid();

  int getpagesize();

  int FIONREAD = 0x541B;

  /** For {@code FIONREAD}: bytes waiting in a pipe. */
  int ioctl(int fd, long request, int[] arg);

  /** {@code sysconf(_SC_CLK_TCK)}: clock ticks per second of /proc's CPU times. */
  long sysconf(int name);

  int SC_CLK_TCK = 2;

  int EINTR = 4;
  int EAGAIN = 11;
  int ECHILD = 10;
  int ENOSYS = 38;
  int WNOHANG = 1;

  /** Reads up to {@code count} bytes into native memory; -1 with errno set on error. */
  long read(int fd, Pointer buf, long count);

  long write(int fd, byte[] buf, long count);

  int waitpid(int pid, int[] status, int options);

  /** The raw system call with two int arguments (pidfd_open). */
  int syscall(long number, int a, int b);

  long SYS_PIDFD_OPEN = 434;

  int epoll_create1(int flags);

  int epoll_ctl(int epfd, int op, int fd, Pointer event);

  int eventfd(int initval, int flags);

  int EPOLL_CTL_ADD = 1;
  int EPOLL_CTL_DEL = 2;
  int EPOLLIN = 0x001;
  int EPOLLERR = 0x008;
  int EPOLLHUP = 0x010;
  int EFD_NONBLOCK = 04000;
  int EFD_CLOEXEC = 02000000;

  String strerror(int errnum);

  short POSIX_SPAWN_SETSIGDEF = 0x04;
  short POSIX_SPAWN_SETSIGMASK = 0x08;
  /** glibc 2.26. */
  short POSIX_SPAWN_SETSID = 0x80;
}
