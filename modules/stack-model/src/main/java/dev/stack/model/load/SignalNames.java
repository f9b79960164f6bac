package dev.stack.model.load;

import java.util.List;
import java.util.Locale;

/** Signal names and numbers (Linux numbering), written {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
public final class SignalNames {

  /** Names by number; index 0 is unused. */
  private static final List<String> BY_NUMBER = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
      "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
      "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

  private SignalNames() {}

  /** The signal's name without {@code SIG}, upper case. */
  public static String parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.matches("[0-9]{1,3}")) {
      int n = Integer.parseInt(t);
      if (n >= 1 && n < BY_NUMBER.size()) {
        return BY_NUMBER.get(n);
      }
      throw BadValueException.expected("a signal number from 1 to " + (BY_NUMBER.size() - 1), text, "or write its name, e.g. TERM");
    }
    String name = t.startsWith("SIG") ? t.substring(3) : t;
    if (BY_NUMBER.contains(name) && !name.isEmpty()) {
      return name;
    }
    String near = Suggestions.nearest(name, BY_NUMBER);
    throw BadValueException.expected("a signal like TERM, INT or QUIT", text,
        near != null ? "did you mean '" + near + "'?" : "signals: TERM, INT, QUIT, HUP, KILL, USR1, USR2, WINCH...");
  }

  /** The Linux number of a signal name (without SIG), or -1. */
  public static int number(String name) {
    int i = BY_NUMBER.indexOf(name);
    return i <= 0 ? -1 : i;
  }
}
