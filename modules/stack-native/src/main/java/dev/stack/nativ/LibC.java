package dev.stack.nativ;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the JDK does not offer. Linux only (the constants below are Linux's). */
interface LibC extends Library {

  LibC INSTANCE = Native.load("c", LibC.class);

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
}
