package dev.stack.nativ;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The calls of the {@link EventLoop}'s hot path, bound with JNA's direct mapping: a call costs a
 * plain JNI call rather than a proxy's reflection, which counts when a flood of small reads comes.
 */
final class FastIo {

  static {
    JnaSearch.withoutLdconfig();
    Native.register(Platform.C_LIBRARY_NAME);
  }

  private FastIo() {}

  /** read(2) into native memory; errno (EAGAIN, EINTR...) as the exception's code. */
  static native long read(int fd, Pointer buf, long count) throws LastErrorException;

  /** epoll_wait(2); errno (EINTR...) as the exception's code. */
  static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeout) throws LastErrorException;
}
