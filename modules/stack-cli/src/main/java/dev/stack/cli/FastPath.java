package dev.stack.cli;

/**
 * The commands users run most, in their plain forms, without picocli: {@code stack [-f FILE]
 * ps|status|ls [--json] [-a]} and {@code stack [-f FILE] up [--profile NAME] [SERVICE...]}.
 * Building picocli's model of every command costs about as much as the JVM's own start here, even
 * with picocli's classes archived (modules/stack-picocli). Anything else, or anything unusual in
 * these arguments ({@code --help}, {@code --set}, {@code --dry-run}, ...), goes the ordinary way,
 * which does the same.
 */
final class FastPath {

  private FastPath() {}

  /** The exit code, or null when these arguments are not for the fast path. */
  static Integer tryRun(Session session, String... args) {
    StackOptions options = new StackOptions();
    PsCommand ps = null;
    UpCommand up = null;
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean command = ps != null || up != null;
      if (!command && (a.equals("-f") || a.equals("--file")) && i + 1 < args.length) {
        options.file = args[++i];
      } else if (!command && (a.equals("ps") || a.equals("status") || a.equals("ls"))) {
        ps = new PsCommand();
      } else if (!command && a.equals("up")) {
        up = new UpCommand();
      } else if (ps != null && a.equals("--json")) {
        ps.json = true;
      } else if (ps != null && (a.equals("-a") || a.equals("--all"))) {
        ps.all = true;
      } else if (up != null && a.equals("--profile") && i + 1 < args.length && options.profile == null) {
        options.profile = args[++i];
      } else if (up != null && !a.startsWith("-")) {
        up.start.services.add(a);
      } else if (a.equals("--no-color")) {
        options.noColor = true;
      } else if (a.equals("--debug")) {
        debug = true;
      } else {
        return null;
      }
    }
    if (ps == null && up == null) {
      return null;
    }
    try {
      return ps != null ? ps.show(session, options) : up.run(session, options);
    } catch (Exception e) {
      return new ErrorReporter(session.err(), debug).report(e);
    }
  }
}
