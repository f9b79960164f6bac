package dev.stack.cli;

import dev.stack.core.logs.LogFormatter;
import dev.stack.core.logs.LogQuery;
import dev.stack.core.logs.LogReader;
import dev.stack.core.logs.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code stack monit} shows and does, without the terminal: the agent's ps rows, the log
 * tail of one service read from the stored files (as {@code stack logs}), and the lifecycle
 * operations of {@code stop}, {@code start} and {@code restart}.
 */
final class MonitData {

  /** A ps answer: rows, or no rows and the reason to show instead. */
  record Sample(String profile, List<Map<String, Object>> rows, String problem) {}

  /** Escape sequences other than colours would move the cursor about the screen. */
  private static final Pattern NOT_COLOUR =
      Pattern.compile("\u001b\\[[0-9;?]*[A-Za-ln-z]|\u001b[^\\[]|\u001b$|[\\p{Cntrl}&&[^\u001b]]");
  private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");

  private final AgentCalls agent;
  private final String stack;
  private final boolean color;
  private final LogReader logs;

  MonitData(AgentCalls agent, String stack, boolean color) {
    this.agent = agent;
    this.stack = stack;
    this.color = color;
    this.logs = new LogReader(agent.home().logsDir());
  }

  String stack() {
    return stack;
  }

  /** The stack's rows now; an agent that cannot be asked is a problem shown, not thrown. */
  @SuppressWarnings("unchecked")
  Sample sample() {
    Map<String, Object> args = agent.stackArgs(List.of());
    args.remove("env");
    args.put("all", false);
    try {
      Map<String, Object> result = agent.call("ps", args, true, null);
      List<Map<String, Object>> rows = (List<Map<String, Object>>) result.get("instances");
      return new Sample((String) result.get("profile"), rows,
          rows.isEmpty() ? PsCommand.notRunning(args.get("source")) : null);
    } catch (AgentCalls.AgentFailure e) {
      return new Sample(null, List.of(), "error: " + e.getMessage());
    }
  }

  /** The last {@code n} lines of the service, formatted as {@code stack logs} prints them. */
  List<String> logTail(String service, int n) {
    LogQuery query = LogQuery.all(stack).services(Set.of(service)).tail(n);
    LogFormatter formatter = new LogFormatter(new LogFormatter.Options(color, false, true, false),
        logs.displayNames(query));
    List<String> lines = new ArrayList<>();
    try (Stream<LogRecord> records = logs.read(query)) {
      records.forEach(r -> lines.add(formatter.format(
          new LogRecord(r.time(), r.service(), r.instance(), r.stream(), screenSafe(r.message(), color)))));
    }
    return lines;
  }

  /**
   * A service's line as it can go on the screen: tabs as spaces, no control characters or escape
   * sequences (cursor moves would break the screen), colours only when {@code color}.
   */
  static String screenSafe(String message, boolean color) {
    String safe = NOT_COLOUR.matcher(message.replace("\t", "    ")).replaceAll("");
    return color ? safe : COLOUR.matcher(safe).replaceAll("");
  }

  /**
   * Runs {@code stop}, {@code start} or {@code restart} of one service as those commands do
   * (waiting up to {@link LifecycleCommand.Starting#DEFAULT_WAIT} for readiness).
   */
  void act(String op, String service, Consumer<Map<String, Object>> events) throws AgentCalls.AgentFailure {
    Map<String, Object> args = agent.stackArgs(List.of(service));
    if (!op.equals("stop")) {
      args.put("wait_timeout_ms", Durations.parse("--wait-timeout", LifecycleCommand.Starting.DEFAULT_WAIT).toMillis());
    }
    agent.call(op, args, true, events);
  }
}
