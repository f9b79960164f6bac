package dev.stack.nativ;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The calls of {@link Spawner}, bound with JNA's direct mapping: a start (and a restart) makes a
 * dozen of them, and through {@link LibC}'s proxy each costs a reflective call, slow in the cold
 * code a restart runs. Bound in the process's own symbols, where the JVM has the C library
 * loaded already (no lookup by name).
 */
final class SpawnCalls {

  static {
    JnaSearch.withoutLdconfig();
    Native.register(SpawnCalls.class, NativeLibrary.getProcess());
  }

  private SpawnCalls() {}

  /** {@code argv} and {@code envp} are NULL-terminated arrays of C strings ({@link com.sun.jna.StringArray}). */
  static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

  static native int posix_spawn_file_actions_init(Pointer fileActions);

  static native int posix_spawn_file_actions_destroy(Pointer fileActions);

  static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

  /** glibc 2.29. */
  static native int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

  /** glibc 2.34. */
  static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

  static native int posix_spawnattr_init(Pointer attr);

  static native int posix_spawnattr_destroy(Pointer attr);

  static native int posix_spawnattr_setflags(Pointer attr, short flags);

  static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

  static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

  static native int sigemptyset(Pointer set);

  static native int sigfillset(Pointer set);

  /** glibc 2.30: the calling thread's id. */
  static native int gettid();
}
