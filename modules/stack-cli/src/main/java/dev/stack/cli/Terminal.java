package dev.stack.cli;

import dev.stack.core.render.Ansi;

/** What the user's terminal allows: colours only on a terminal, never with --no-color or NO_COLOR. */
final class Terminal {

  private Terminal() {}

  static boolean interactive() {
    return System.console() != null;
  }

  static Ansi ansi(Session session, StackOptions options) {
    return options.color(session) && interactive() ? Ansi.ON : Ansi.OFF;
  }

  /** The terminal's width from {@code COLUMNS}, else 80. */
  static int columns(Session session) {
    try {
      return Integer.parseInt(session.env().getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
