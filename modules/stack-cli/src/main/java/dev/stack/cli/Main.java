package dev.stack.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * Entry point of {@code stack}. {@link #run} does everything except exiting, so tests drive the
 * whole CLI in-process with their own streams and environment.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    nameTheSelectorProvider();
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  /** The JDK's own provider of sockets and selectors on Linux. */
  static final String LINUX_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

  /**
   * Names the JDK's default selector provider, which the first socket (the agent's) needs: else the
   * JDK looks for another one as a service on the class path, and opening our jar for that search
   * (then 18,000 entries) cost ~30 ms of each {@code stack ps}. Only on Linux, where that class is the
   * default; a provider named by the user wins.
   */
  static void nameTheSelectorProvider() {
    String key = "java.nio.channels.spi.SelectorProvider";
    if (System.getProperty(key) == null && "Linux".equals(System.getProperty("os.name"))) {
      System.setProperty(key, LINUX_SELECTOR_PROVIDER);
    }
  }

  /** Runs {@code stack args} with the process environment; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /**
   * Runs {@code stack args} reading {@code env} instead of the process environment (for
   * {@code STACK_FILE} and {@code ${VAR}} interpolation); returns the exit code.
   */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    Session session = new Session(out, err, env);
    // first of all: a cold `up` then waits for the longer of the agent's start and its own
    EarlyAgent.startFor(session, args);
    Integer fast = FastPath.tryRun(session, args);
    if (fast != null) {
      out.flush();
      err.flush();
      return fast;
    }
    ErrorReporter errors = new ErrorReporter(err, Arrays.asList(args).contains("--debug"));
    CommandLine cli = new CommandLine(new StackCommand(session))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    // what follows exec's SERVICE is the command's, options included (stack exec db psql -U app)
    cli.getSubcommands().get("exec").setStopAtPositional(true);
    if (Arrays.asList(args).contains("--no-color") || env.containsKey("NO_COLOR")) {
      cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    }
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
