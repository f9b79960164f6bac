package dev.stack.nativ;

/**
 * JNA's library search, set once before this package binds anything ({@link LibC}, {@link FastIo},
 * {@link SpawnCalls}): unless told a path in {@code jna.platform.library.path}, JNA builds one by
 * running {@code /sbin/ldconfig -p} as it first loads any library, a process of about 50 ms on the
 * agent's start. This package loads libc by its soname or from the process itself, which the
 * dynamic loader finds without a search path.
 */
final class JnaSearch {

  private JnaSearch() {}

  /** Sets the search path to none unless one was given; whichever binding comes first calls it. */
  static void withoutLdconfig() {
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
  }
}
