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

  /**
   * The width to fit tables to: {@code COLUMNS} (bin/stack exports the terminal's, which an
   * interactive shell does not), else 80 on a terminal, else no limit: a pipe or a file gets whole
   * lines, as from {@code docker ps}.
   */
  static int columns(Session session) {
    String given = session.env().get("COLUMNS");
    if (given != null) {
      try {
        return Integer.parseInt(given.strip());
      } catch (NumberFormatException e) {
        // as if unset
      }
    }
    return interactive() ? 80 : Integer.MAX_VALUE;
  }
}
