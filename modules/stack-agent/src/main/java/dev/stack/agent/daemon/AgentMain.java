package dev.stack.agent.daemon;

import dev.stack.agent.log.AgentLog;
import dev.stack.agent.log.AgentLogProvider;
import dev.stack.agent.protocol.AgentVersion;
import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.protocol.UnixSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent process. Started by the watchdog (see {@link dev.stack.agent.client.AgentClient}),
 * it takes the agent lock of its {@link StackHome}, writes {@code agent.pid}, logs to
 * {@code agent.log}, serves the control socket until {@code shutdown} or SIGTERM, and exits with
 * a code the watchdog understands.
 *
 * <p>The operations beyond {@code ping} and {@code shutdown} come from {@link AgentExtension}s
 * found by {@link ServiceLoader}, or from the {@code configure} argument of {@link #start}.
 */
public final class AgentMain {

  /** Stopped on request: the watchdog does not start the agent again. */
  public static final int EXIT_STOPPED = 0;
  /** Could not start (bad home, socket). The watchdog retries with a back-off. */
  public static final int EXIT_FAILED = 1;
  /** Another agent already runs for this home: the watchdog gives up. */
  public static final int EXIT_ALREADY_RUNNING = 73;
  /** Stopped to be replaced by another version: the watchdog starts {@code agent.cmd} at once. */
  public static final int EXIT_UPGRADE = 75;

  /** The level of {@code agent.log} (TRACE, DEBUG, INFO, WARN, ERROR, OFF); INFO when unset. */
  public static final String LOG_LEVEL_ENV = "STACK_LOG_LEVEL";

  /** The system property naming the home; else {@code $STACK_HOME}, else {@code ~/.stack}. */
  public static final String HOME_PROPERTY = "stack.home";

  private AgentMain() {}

  /** Runs the agent until it is stopped, then exits with one of the {@code EXIT_} codes. */
  public static void main(String[] args) {
    String property = System.getProperty(HOME_PROPERTY);
    StackHome home = property != null ? new StackHome(Path.of(property)) : StackHome.resolve();
    AgentServer server;
    try {
      server = start(home, s -> {
        for (AgentExtension extension : ServiceLoader.load(AgentExtension.class)) {
          try {
            extension.configure(s);
          } catch (Exception e) {
            throw new IllegalStateException("extension " + extension.getClass().getName() + ": " + e, e);
          }
        }
      });
    } catch (AlreadyRunning e) {
      System.err.println("error: " + e.getMessage());
      System.exit(EXIT_ALREADY_RUNNING);
      return;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: the agent could not start: " + e);
      LoggerFactory.getLogger(AgentMain.class).error("the agent could not start", e);
      AgentLog.close();
      System.exit(EXIT_FAILED);
      return;
    }
    int code;
    try {
      code = server.awaitStop();
    } catch (InterruptedException e) {
      code = EXIT_FAILED;
    }
    server.close();
    System.exit(code);
  }

  /**
   * Names SLF4J's provider (ours, {@link AgentLogProvider}) unless it is named already: without the
   * name SLF4J looks for providers with a {@code ServiceLoader} scan of the class path, 10-20 ms of
   * the agent's start before its socket is bound (measured with marks on one clock). Its note that
   * it loads the named one is turned off with its other notes below WARN.
   */
  private static void nameLogProvider() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", AgentLogProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
  }

  /**
   * Starts an agent for {@code home} in this JVM: creates the home, takes the agent lock, writes
   * {@code agent.pid}, configures logging, lets {@code configure} register handlers, binds the
   * socket and installs a SIGTERM hook that closes the server. Closing the server releases the lock.
   *
   * @throws AlreadyRunning if another agent holds the lock
   */
  public static AgentServer start(StackHome home, Consumer<AgentServer> configure)
      throws IOException {
    nameLogProvider();
    // the first unix socket's cost, while this thread takes the lock and configures
    Thread prime = new Thread(UnixSockets::prime, "unix-socket-warm-up");
    prime.setDaemon(true);
    prime.start();
    home.create();
    FileChannel pidChannel = FileChannel.open(home.pidFile(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock = pidChannel.tryLock();
    if (lock == null) {
      pidChannel.close();
      throw new AlreadyRunning("another agent runs for " + home.root() + " (pid "
          + Files.readString(home.pidFile()).strip() + ")");
    }
    pidChannel.truncate(0);
    pidChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
        .getBytes(StandardCharsets.US_ASCII)));
    AgentLog.open(home.log(), System.getenv(LOG_LEVEL_ENV));
    Logger log = LoggerFactory.getLogger(AgentMain.class);
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> log.error("uncaught in {}", t.getName(), e));

    AgentServer server = new AgentServer(home, AgentVersion.current());
    configure.accept(server);
    server.onClose(() -> {
      try {
        Files.deleteIfExists(home.pidFile());
        lock.release();
        pidChannel.close();
      } catch (IOException e) {
        log.warn("releasing the agent lock: {}", e.toString());
      }
      log.info("agent {} stopped", ProcessHandle.current().pid());
      AgentLog.close();
    });
    // SIGTERM (or System.exit): finish running requests, leave the services running
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "agent-shutdown"));
    server.start();
    // no "ms after its JVM started" here: ProcessHandle's start instant counts from the boot time
    // in whole seconds, so such a figure was off by up to a second
    log.info("agent {} started (pid {}, java {})", server.version(), ProcessHandle.current().pid(),
        Runtime.version());
    return server;
  }

  /** Another agent holds the lock of the home. */
  public static final class AlreadyRunning extends IOException {
    private static final long serialVersionUID = 1L;

    AlreadyRunning(String message) {
      super(message);
    }
  }
}
