package dev.stack.cli;

import dev.stack.agent.client.AgentClient;
import dev.stack.agent.client.AgentException;
import dev.stack.core.logs.LogFormatter;
import dev.stack.core.logs.LogQuery;
import dev.stack.core.logs.LogReader;
import dev.stack.core.logs.LogRecord;
import dev.stack.core.logs.LogStore;
import dev.stack.core.spi.LogSink;
import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.profile.NearestName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack logs}: the stored lines of the stack's services, merged in time order, the same on
 * every backend. Reads the files directly: it needs no agent and works for a stack that is down.
 */
@Command(name = "logs", description = {
    "Show what the services printed, merged in time order, each line prefixed 'service |' ('!' marks stderr).",
    "Reads the stored logs: works with the agent stopped and for a stack that is down."})
final class LogsCommand extends StackSubcommand {

  /** Lines per service shown when following without -n: a screenful. */
  static final int FOLLOW_TAIL = 10;
  /** Characters of a dump handed to the output at once. */
  private static final int BLOCK = 64 * 1024;

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "The last N lines of each service "
      + "(default: all; " + FOLLOW_TAIL + " when following).")
  Integer tail;

  @Option(names = "--since", paramLabel = "WHEN", description = "Lines since a duration ago (10m, 1h) or a time (2026-11-26T10:00:00Z).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Lines before a duration ago or a time.")
  String until;

  @Option(names = {"-t", "--timestamps"}, description = "Show each line's time.")
  boolean timestamps;

  @Option(names = "--grep", paramLabel = "REGEX", description = "Only lines matching REGEX.")
  String grep;

  @Option(names = "--stdout", description = "Only standard output.")
  boolean stdoutOnly;

  @Option(names = "--stderr", description = "Only standard error.")
  boolean stderrOnly;

  @Option(names = "--json", description = "One JSON object per line: time, service, instance, stream, message.")
  boolean json;

  @Option(names = "--no-prefix", description = "Lines without the 'service |' prefix.")
  boolean noPrefix;

  @Option(names = "--flush", description = "Empty the stored logs of the services (all by default), on purpose.")
  boolean flush;

  @Override
  public Integer call() throws Exception {
    String source = options().fileName(session());
    AgentCalls agent = new AgentCalls(session(), options());
    StackNames.Named named;
    try {
      named = StackNames.read(Path.of(source), source);
    } catch (StackFileException e) {
      // the file does not read now (an edit in progress): the logs of the stack that runs from it
      named = StackNames.running(agent.home().stateDir(), Path.of(source)).orElseThrow(() -> e);
      session().err().println("note: " + source + " does not load ('stack validate' says why); these are the logs of stack "
          + named.name() + ", which runs from it");
    }
    String stack = named.name();
    Path root = agent.home().logsDir();
    LogReader reader = new LogReader(root);
    checkServices(named, reader);
    if (flush) {
      return flush(agent, root, stack);
    }
    LogQuery query = LogQuery.all(stack).services(new LinkedHashSet<>(services))
        .tail(tail != null ? tail : follow ? FOLLOW_TAIL : -1)
        .since(when("--since", since)).until(when("--until", until)).grep(pattern()).streams(streams());
    LogFormatter formatter = new LogFormatter(
        new LogFormatter.Options(Terminal.ansi(session(), options()).enabled(), timestamps, !noPrefix, json),
        reader.displayNames(query));
    PrintStream out = session().out();
    if (follow) {
      Thread main = Thread.currentThread();
      reader.follow(query, r -> {
        out.println(formatter.format(r));
        out.flush();
      }, () -> out.checkError() || main.isInterrupted());
      return ExitCode.OK;
    }
    // System.out flushes at every line (a write per line: ~10 MB/s for a long history): a dump is
    // handed over in blocks of about 64 KiB of text instead (the stream's own charset still
    // applies), and ends once nobody reads it (`stack logs | head`)
    String nl = System.lineSeparator();
    StringBuilder block = new StringBuilder(BLOCK + 4096);
    try (Stream<LogRecord> records = reader.read(query)) {
      for (Iterator<LogRecord> it = records.iterator(); it.hasNext(); ) {
        block.append(formatter.format(it.next())).append(nl);
        if (block.length() >= BLOCK) {
          out.print(block);
          block.setLength(0);
          if (out.checkError()) {
            break;
          }
        }
      }
    }
    out.print(block);
    out.flush();
    return ExitCode.OK;
  }

  private int flush(AgentCalls agent, Path root, String stack) throws Exception {
    // Through the agent when it runs, so it does not keep writing to removed files.
    try (AgentClient client = AgentClient.connect(agent.home(), false)) {
      client.call("logs-purge", Map.of("stack", stack, "services", services), null);
    } catch (AgentException notRunning) {
      try (LogStore store = new LogStore(root)) {
        store.purge(stack, services);
      }
    }
    session().err().println("logs of " + (services.isEmpty() ? "every service" : String.join(", ", services))
        + " of stack " + stack + " emptied");
    return ExitCode.OK;
  }

  /**
   * A service named is one of the file's, or one with stored logs (gone from the file since):
   * a misspelt name is an error, as for the other commands, not an empty output (nor, with
   * {@code -f}, a wait for lines that never come).
   */
  private void checkServices(StackNames.Named named, LogReader reader) {
    if (named.services().containsAll(services)) {
      return; // the usual case: no listing of the store beyond the one the read does
    }
    Set<String> known = new LinkedHashSet<>(named.services());
    known.addAll(reader.services(named.name()));
    for (String s : services) {
      if (!known.contains(s)) {
        throw new StackFileException(new Problem(null, null, "no such service: " + s,
            NearestName.servicesHint(s, named.name(), known)));
      }
    }
  }

  private Pattern pattern() {
    if (grep == null) {
      return null;
    }
    try {
      return Pattern.compile(grep);
    } catch (PatternSyntaxException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--grep: not a regular expression: " + e.getDescription());
    }
  }

  private Set<LogSink.Stream> streams() {
    if (stdoutOnly == stderrOnly) {
      return EnumSet.allOf(LogSink.Stream.class);
    }
    return EnumSet.of(stdoutOnly ? LogSink.Stream.OUT : LogSink.Stream.ERR);
  }

  private Instant when(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notATime) {
      return Instant.now().minus(Durations.parse(option, text));
    }
  }
}
