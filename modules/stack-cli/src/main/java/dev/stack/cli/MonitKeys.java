package dev.stack.cli;

import java.io.IOException;

/** The keys of {@code stack monit}, decoded from what the terminal sends in raw mode. */
final class MonitKeys {

  /** What a key asks for. */
  enum Key { UP, DOWN, RESTART, STOP, START, QUIT, REDRAW }

  /** The terminal's input: the next character, or a negative number when none came in time. */
  interface Input {
    int read(long timeoutMillis) throws IOException;
  }

  /** How long the rest of an escape sequence may take after ESC (a lone ESC is ignored). */
  static final long SEQUENCE_MILLIS = 50;

  private MonitKeys() {}

  /**
   * The key that starts with {@code c}, reading the rest of an arrow key's sequence from
   * {@code in}; null for a key that means nothing here.
   */
  static Key decode(int c, Input in) throws IOException {
    return switch (c) {
      case 'k', 'K', 16 -> Key.UP; // 16: Ctrl-P
      case 'j', 'J', 14 -> Key.DOWN; // 14: Ctrl-N
      case 'r', 'R' -> Key.RESTART;
      case 's', 'S' -> Key.STOP;
      case 't', 'T' -> Key.START;
      case 'q', 'Q', 3, 4 -> Key.QUIT; // Ctrl-C, Ctrl-D
      case 12 -> Key.REDRAW; // Ctrl-L
      case 27 -> arrow(in);
      default -> null;
    };
  }

  /** ESC [ A or ESC O A (application cursor mode) is up; B down. */
  private static Key arrow(Input in) throws IOException {
    int intro = in.read(SEQUENCE_MILLIS);
    if (intro != '[' && intro != 'O') {
      return null;
    }
    int last = in.read(SEQUENCE_MILLIS);
    return last == 'A' ? Key.UP : last == 'B' ? Key.DOWN : null;
  }
}
