package dev.stack.agent.client;

import dev.stack.agent.protocol.AgentVersion;
import dev.stack.agent.protocol.JsonLines;
import dev.stack.agent.protocol.Replies;
import dev.stack.agent.protocol.Request;
import dev.stack.agent.protocol.StackHome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CLI's connection to its agent. Kept lean on purpose, since every CLI call starts a JVM: it
 * loads the JSON codec and socket classes only; no logging framework, Docker or OSHI class.
 *
 * <pre>{@code
 * try (AgentClient agent = AgentClient.connect(StackHome.resolve(), true)) {
 *   Map<String, Object> result = agent.call("ps", Map.of(), event -> print(event));
 * }
 * }</pre>
 *
 * <p>When no agent answers and starting is allowed, the client starts the watchdog, which starts
 * the agent; concurrent clients start exactly one. When the agent is of another version, the client
 * has it replaced (services keep running) and sends the request again.
 */
public final class AgentClient implements AutoCloseable {

  private final StackHome home;
  private final AgentLaunch launch;
  private final boolean mayStart;
  private final String version;
  private SocketChannel channel;
  private JsonLines lines;

  private AgentClient(StackHome home, AgentLaunch launch, boolean mayStart, SocketChannel channel) {
    this.home = home;
    this.launch = launch;
    this.mayStart = mayStart;
    this.version = launch != null ? launch.version() : AgentVersion.current();
    attach(channel);
  }

  /**
   * Connects to the agent of {@code home}, starting it if none answers and {@code startIfNeeded}.
   *
   * @throws AgentException if no agent answers (reason {@code not-running}), the socket belongs to
   *     another user, or the agent could not be started
   */
  public static AgentClient connect(StackHome home, boolean startIfNeeded) throws AgentException {
    return connect(home, null, startIfNeeded);
  }

  /**
   * Like {@link #connect(StackHome, boolean)}, starting the agent with {@code launch} (null: the
   * same java, classpath and version as this process).
   */
  public static AgentClient connect(StackHome home, AgentLaunch launch, boolean startIfNeeded)
      throws AgentException {
    SocketChannel ch = tryConnect(home);
    if (ch == null && startIfNeeded) {
      ch = new AgentStarter(home, launchOrDefault(launch)).start(false);
    }
    if (ch == null) {
      throw new AgentException("the agent is not running", "it starts with the first command that needs it",
          1, "not-running", null);
    }
    return new AgentClient(home, launch, startIfNeeded, ch);
  }

  /**
   * Starts the agent when none answers, then closes the connection: for a client that connects
   * later and wants the agent's start-up to overlap its own work.
   */
  public static void startIfNone(StackHome home) throws AgentException {
    SocketChannel ch = tryConnect(home);
    if (ch == null) {
      ch = new AgentStarter(home, launchOrDefault(null)).start(false);
    }
    closeQuietly(ch);
  }

  /**
   * Sends a request and reads its answer.
   *
   * @param args the op's arguments
   * @param onEvent receives each event line before the result; may be null
   * @return the result object
   * @throws AgentException with the agent's message, hint and exit code, or if the connection broke
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> call(String op, Map<String, ?> args, Consumer<Map<String, Object>> onEvent)
      throws AgentException {
    Map<String, Object> message = new Request(op, version, System.getProperty("user.dir"),
        (Map<String, Object>) args).toMessage();
    for (int attempt = 0; ; attempt++) {
      try {
        lines.write(message);
        while (true) {
          Map<String, Object> line = lines.read();
          if (line == null) {
            throw new AgentException("the agent closed the connection before answering '" + op + "'",
                "see " + home.log(), 1, "closed", null);
          }
          if (line.containsKey("result")) {
            Object result = line.get("result");
            return result instanceof Map ? (Map<String, Object>) result : Map.of();
          }
          if (line.get("error") instanceof Map<?, ?> error) {
            AgentException e = toException((Map<String, Object>) error);
            if (Replies.VERSION_MISMATCH.equals(e.reason()) && mayStart && attempt == 0) {
              close();
              attach(new AgentStarter(home, launchOrDefault(launch)).start(true));
              break; // send again to the new agent
            }
            throw e;
          }
          if (onEvent != null) {
            onEvent.accept(line);
          }
        }
      } catch (IOException e) {
        throw new AgentException("lost the connection to the agent: " + e.getMessage(),
            "see " + home.log(), 1, "closed", e);
      }
    }
  }

  /**
   * The running agent's {@code ping} answer ({@code version}, {@code pid}, {@code uptimeMs},
   * {@code rssBytes}, {@code home}), or null if none runs; starts nothing. For
   * {@code stack daemon status}; works with an agent of any version.
   */
  public static Map<String, Object> status(StackHome home) throws AgentException {
    SocketChannel ch = tryConnect(home);
    if (ch == null) {
      return null;
    }
    try (AgentClient c = new AgentClient(home, null, false, ch)) {
      return c.call("ping", Map.of(), null);
    }
  }

  /**
   * Stops the running agent, services left running, and waits until its process is gone; the
   * watchdog does not start it again. For {@code stack daemon stop}; works with an agent of any
   * version.
   *
   * @return the stopped agent's pid, or -1 if none was running
   * @throws AgentException if it did not exit within {@code timeout}
   */
  public static long stop(StackHome home, java.time.Duration timeout) throws AgentException {
    SocketChannel ch = tryConnect(home);
    if (ch == null) {
      return -1;
    }
    long pid;
    try (AgentClient c = new AgentClient(home, null, false, ch)) {
      pid = ((Number) c.call("shutdown", Map.of(), null).get("pid")).longValue();
    }
    awaitExit(pid, timeout);
    return pid;
  }

  /** Waits until the agent {@code pid}, asked to stop, has exited; an error after {@code timeout}. */
  public static void awaitExit(long pid, java.time.Duration timeout) throws AgentException {
    java.util.Optional<ProcessHandle> agent = ProcessHandle.of(pid);
    try {
      if (agent.isPresent()) {
        agent.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new AgentException("the agent (pid " + pid + ") did not stop within " + timeout.toSeconds()
          + " s", "kill -9 " + pid + " ends it; services keep running", 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the connection; the agent keeps running. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  private void attach(SocketChannel ch) {
    channel = ch;
    lines = new JsonLines(ch);
  }

  private static AgentLaunch launchOrDefault(AgentLaunch launch) {
    return launch != null ? launch : AgentLaunch.ofThisProcess();
  }

  private static AgentException toException(Map<String, Object> error) {
    Object exit = error.get("exit");
    return new AgentException(String.valueOf(error.get("message")),
        error.get("hint") instanceof String h ? h : null,
        exit instanceof Number n ? n.intValue() : 1,
        error.get("reason") instanceof String r ? r : null, null);
  }

  /**
   * A connection to the agent of {@code home}, or null if none listens.
   *
   * @throws AgentException if the socket exists but this user may not use it
   */
  static SocketChannel tryConnect(StackHome home) throws AgentException {
    if (Files.notExists(home.socket(), LinkOption.NOFOLLOW_LINKS)) {
      // no agent ever bound here, or it removed its socket at its stop: no need to ask (a socket
      // we may not even look at is asked, to say why). Opening
      // the first unix socket of a JVM costs a cold `stack up` ~50 ms before it can start the
      // agent (the JDK seeds a SecureRandom for socket names, and looks up a selector provider)
      return null;
    }
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(home.socket()));
      return ch;
    } catch (IOException e) {
      closeQuietly(ch);
      String why = String.valueOf(e.getMessage());
      if (why.contains("ermission denied")) {
        throw new AgentException("cannot connect to the agent at " + home.socket()
            + ": permission denied" + ownerNote(home),
            "each user runs their own agent: set STACK_HOME to a folder you own", 1, "forbidden", e);
      }
      return null; // no socket, or no one listening on it
    }
  }

  private static String ownerNote(StackHome home) {
    try {
      String owner = Files.getOwner(home.root()).getName();
      return owner.equals(System.getProperty("user.name")) ? "" : " (it belongs to user " + owner + ")";
    } catch (IOException e) {
      return "";
    }
  }

  static void closeQuietly(SocketChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
