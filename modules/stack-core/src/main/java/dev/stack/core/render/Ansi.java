package dev.stack.core.render;

/** ANSI colours, or none: every renderer takes one so output is plain when not on a terminal. */
public record Ansi(boolean enabled) {

  public static final Ansi OFF = new Ansi(false);
  public static final Ansi ON = new Ansi(true);

  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /** Colours a status word by what it means: green running, yellow in between, red failed. */
  public String status(String word) {
    return switch (word) {
      case "online", "healthy", "completed" -> green(word);
      case "starting", "restarting", "stopping" -> yellow(word);
      case "unhealthy", "errored", "exited" -> red(word);
      default -> dim(word);
    };
  }
}
