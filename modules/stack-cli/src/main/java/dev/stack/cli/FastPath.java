package dev.stack.cli;

/**
 * {@code stack [-f FILE] ps|status|ls [--json] [-a]}, the command users run most, without picocli:
 * building picocli's model of every command costs about as much as the JVM's own start here, even
 * with picocli's classes archived (modules/stack-picocli). Anything else, or anything
 * unusual in these arguments, goes the ordinary way, which prints the same.
 */
final class FastPath {

  private FastPath() {}

  /** The exit code, or null when these arguments are not for the fast path. */
  static Integer tryRun(Session session, String... args) {
    StackOptions options = new StackOptions();
    PsCommand ps = null;
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (ps == null && (a.equals("-f") || a.equals("--file")) && i + 1 < args.length) {
        options.file = args[++i];
      } else if (ps == null && (a.equals("ps") || a.equals("status") || a.equals("ls"))) {
        ps = new PsCommand();
      } else if (ps != null && a.equals("--json")) {
        ps.json = true;
      } else if (ps != null && (a.equals("-a") || a.equals("--all"))) {
        ps.all = true;
      } else if (a.equals("--no-color")) {
        options.noColor = true;
      } else if (a.equals("--debug")) {
        debug = true;
      } else {
        return null;
      }
    }
    if (ps == null) {
      return null;
    }
    try {
      return ps.show(session, options);
    } catch (Exception e) {
      return new ErrorReporter(session.err(), debug).report(e);
    }
  }
}
