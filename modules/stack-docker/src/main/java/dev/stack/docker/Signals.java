package dev.stack.docker;

/** Linux signal numbers and names, for exit codes above 128 (killed by a signal). */
final class Signals {

  private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
      "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
      "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

  private Signals() {
  }

  /** {@code KILL} for 9; the number itself when it has no name. */
  static String name(int number) {
    return number > 0 && number < NAMES.length ? NAMES[number] : Integer.toString(number);
  }
}
