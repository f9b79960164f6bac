package dev.stack.cli;

import dev.stack.agent.client.AgentClient;
import dev.stack.agent.client.AgentException;
import dev.stack.agent.protocol.StackHome;
import dev.stack.core.render.Ansi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How commands talk to the agent: the stack they mean (file, profile, overrides, the caller's
 * environment), progress lines as events arrive, and the agent's errors as the user's errors.
 */
final class AgentCalls {

  private final Session session;
  private final StackOptions options;

  AgentCalls(Session session, StackOptions options) {
    this.session = session;
    this.options = options;
  }

  /** The agent's home: {@code $STACK_HOME}, else {@code ~/.stack}. */
  StackHome home() {
    return StackHome.resolve(session.env(), System.getProperty("user.home"));
  }

  /** The arguments naming the stack of this command; {@code profile} only when given. */
  Map<String, Object> stackArgs(List<String> services) {
    Map<String, Object> args = new LinkedHashMap<>();
    String name = options.fileName(session);
    args.put("file", Path.of(name).toAbsolutePath().normalize().toString());
    args.put("source", name);
    if (options.profileGiven()) {
      args.put("profile", options.profile());
    }
    args.put("sets", options.sets);
    args.put("env", session.env());
    args.put("services", services);
    return args;
  }

  /** Calls {@code op}; starts the agent when {@code start} and none runs. */
  Map<String, Object> call(String op, Map<String, Object> args, boolean start, Consumer<Map<String, Object>> events)
      throws AgentFailure {
    try (AgentClient client = AgentClient.connect(home(), start)) {
      return client.call(op, args, events);
    } catch (AgentException e) {
      throw new AgentFailure(e);
    }
  }

  /** Prints {@code profile:}, {@code note:} and progress events on stderr, one line per instance and step. */
  Consumer<Map<String, Object>> progress(Ansi ansi) {
    return e -> {
      Object type = e.get("event");
      if ("profile".equals(type)) {
        String source = String.valueOf(e.get("source"));
        session.err().println("profile: " + e.get("profile")
            + ("given".equals(source) ? "" : " (" + ("running".equals(source) ? "the stack runs with it" : "default") + ")"));
      } else if ("note".equals(type)) {
        session.err().println("note: " + e.get("text"));
      } else if ("progress".equals(type)) {
        Object detail = e.get("detail");
        session.err().println(progressLine(String.valueOf(e.get("instance")), ansi.status(String.valueOf(e.get("status"))),
            detail == null ? null : ansi.dim(detail.toString())));
      }
    };
  }

  /**
   * {@code instance} padded to 16 columns, the status, then two spaces and the detail if any. Built
   * by hand: {@code String.format} parses its pattern with a regular expression on every call, and
   * an {@code up} of 100 prints 300 of these lines (in the client, 30 ms of compiling that code).
   */
  static String progressLine(String instance, String status, String detail) {
    StringBuilder line = new StringBuilder(64).append(instance);
    for (int i = instance.length(); i < 16; i++) {
      line.append(' ');
    }
    line.append(' ').append(status);
    if (detail != null) {
      line.append("  ").append(detail);
    }
    return line.toString();
  }

  /**
   * A failure with what the user should see and the exit code: an agent error, or a command's own
   * (diff's engine errors exit 2). ErrorReporter prints it.
   */
  static final class AgentFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;
    private final int exitCode;

    AgentFailure(AgentException cause) {
      this(cause.getMessage(), cause.hint(), cause.exitCode(), cause);
    }

    AgentFailure(String message, String hint, int exitCode, Throwable cause) {
      super(message, cause, false, false);
      this.hint = hint;
      this.exitCode = exitCode;
    }

    String hint() {
      return hint;
    }

    int exitCode() {
      return exitCode;
    }
  }
}
