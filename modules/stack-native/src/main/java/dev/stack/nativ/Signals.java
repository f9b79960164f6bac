package dev.stack.nativ;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signal names (without {@code SIG}) and their Linux numbers. The numbers are those of x86-64 and
 * arm64 Linux; macOS differs for some (USR1, USR2, CHLD...), which this backend does not run on yet.
 */
public final class Signals {

  private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
      "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
      "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

  private static final Map<String, Integer> NUMBERS = new TreeMap<>();

  static {
    for (int i = 1; i < NAMES.length; i++) {
      NUMBERS.put(NAMES[i], i);
    }
    NUMBERS.put("IOT", 6);
    NUMBERS.put("POLL", 29);
  }

  private Signals() {}

  /**
   * The number of a signal given as {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}.
   *
   * @throws IllegalArgumentException for an unknown signal, naming the known ones
   */
  public static int number(String signal) {
    String s = signal.trim().toUpperCase(Locale.ROOT);
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(s);
      if (n >= 1 && n < 65) {
        return n;
      }
    }
    Integer n = NUMBERS.get(s);
    if (n == null) {
      throw new IllegalArgumentException("unknown signal \"" + signal + "\"; known: " + String.join(", ", NUMBERS.keySet()));
    }
    return n;
  }

  /** The name of a signal number ({@code KILL}), or {@code RT<n>}/the number for others. */
  public static String name(int number) {
    if (number >= 1 && number < NAMES.length) {
      return NAMES[number];
    }
    return number >= 34 && number < 65 ? "RTMIN+" + (number - 34) : Integer.toString(number);
  }

  /**
   * The signal that killed a child whose JDK exit value is {@code exitValue}: the JDK reports a
   * signal death as 128 + the signal, as shells do, so 129..159 are read as signals.
   */
  public static Optional<String> fromExitValue(int exitValue) {
    int sig = exitValue - 128;
    return sig >= 1 && sig < NAMES.length ? Optional.of(NAMES[sig]) : Optional.empty();
  }
}
