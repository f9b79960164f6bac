package dev.stack.agent.daemon;

import dev.stack.agent.protocol.JsonLines;
import dev.stack.agent.protocol.ProtocolException;
import dev.stack.agent.protocol.Replies;
import dev.stack.agent.protocol.Request;
import dev.stack.agent.protocol.StackHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of the control socket: accepts connections from its own user only, reads
 * requests, dispatches them to registered {@link RequestHandler}s, one small-stack thread per
 * connection, and writes their events and result (see {@link dev.stack.agent.protocol}).
 */
public final class AgentServer implements AutoCloseable {

  /** Connection threads only parse JSON and call handlers; they need little stack. */
  private static final long CONNECTION_STACK = 256 * 1024;
  /** How long {@link #close()} lets running requests finish. */
  private static final long GRACE_MS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(AgentServer.class);

  private final StackHome home;
  private final String version;
  private final long startedAt = System.currentTimeMillis();
  private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<Runnable> closeActions = new ArrayList<>();
  private final List<Runnable> bindActions = new ArrayList<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicInteger connectionCount = new AtomicInteger();
  private volatile int exitCode;
  private volatile boolean closing;
  private ServerSocketChannel server;
  private UserPrincipal owner;

  /**
   * A server for the agent of {@code home} that answers as {@code version}; it registers the
   * built-in {@code ping} and {@code shutdown}.
   */
  public AgentServer(StackHome home, String version) {
    this.home = home;
    this.version = version;
    BuiltinOps.register(this);
  }

  /** The home this agent serves. */
  public StackHome home() {
    return home;
  }

  /** The version this agent answers with; requests of another version are refused. */
  public String version() {
    return version;
  }

  /** When the server was made, in epoch milliseconds. */
  public long startedAt() {
    return startedAt;
  }

  /**
   * Serves {@code op} with {@code handler}.
   *
   * @throws IllegalStateException if the op already has a handler
   */
  public void register(String op, RequestHandler handler) {
    if (handlers.putIfAbsent(op, handler) != null) {
      throw new IllegalStateException("the op '" + op + "' already has a handler");
    }
  }

  /** Runs {@code action} in {@link #close()}, after the last request ended, in order of adding. */
  public synchronized void onClose(Runnable action) {
    closeActions.add(action);
  }

  /**
   * Runs {@code action} in {@link #start()} once the socket accepts, in order of adding: work a
   * first request will need, done while the client connects (it should start its own thread).
   */
  public synchronized void afterBind(Runnable action) {
    bindActions.add(action);
  }

  /** Binds the socket (replacing a stale one), makes it mode 0600 and starts accepting. */
  public void start() throws IOException {
    owner = FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    Files.deleteIfExists(home.socket());
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(home.socket()));
    Files.setPosixFilePermissions(home.socket(), PosixFilePermissions.fromString("rw-------"));
    Thread accept = new Thread(null, this::acceptLoop, "agent-accept", CONNECTION_STACK);
    accept.setDaemon(true);
    accept.start();
    List<Runnable> actions;
    synchronized (this) {
      actions = List.copyOf(bindActions);
    }
    actions.forEach(Runnable::run);
    log.info("agent {} listening on {}", version, home.socket());
  }

  /**
   * Asks the agent to stop: {@link #awaitStop()} returns {@code code}. The watchdog reads the
   * code: 0 stays stopped, {@link AgentMain#EXIT_UPGRADE} starts the agent again at once.
   */
  public void requestStop(int code) {
    exitCode = code;
    stopRequested.countDown();
  }

  /** Blocks until {@link #requestStop(int)}; returns its code. */
  public int awaitStop() throws InterruptedException {
    stopRequested.await();
    return exitCode;
  }

  private void acceptLoop() {
    while (!closing) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        if (!closing) {
          log.warn("accept failed: {}", e.toString());
        }
        continue;
      }
      Connection c = new Connection(ch);
      connections.add(c);
      Thread t = new Thread(null, c, "agent-conn-" + connectionCount.incrementAndGet(),
          CONNECTION_STACK);
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Stops accepting, lets running requests end (up to 10 s), closes idle connections, removes the
   * socket and runs the close actions. Services are left running.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      log.warn("closing the socket: {}", e.toString());
    }
    long deadline = System.currentTimeMillis() + GRACE_MS;
    for (Connection c : connections) {
      c.closeWhenIdle(deadline);
    }
    try {
      Files.deleteIfExists(home.socket());
    } catch (IOException e) {
      log.warn("removing {}: {}", home.socket(), e.toString());
    }
    List<Runnable> actions;
    synchronized (this) {
      actions = List.copyOf(closeActions);
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("close action failed", e);
      }
    }
  }

  /** One client connection: requests in sequence. */
  private final class Connection implements Runnable {

    private final SocketChannel channel;
    private final JsonLines lines;
    private boolean busy;

    Connection(SocketChannel channel) {
      this.channel = channel;
      this.lines = new JsonLines(channel);
    }

    @Override
    public void run() {
      try {
        String refusal = checkPeer();
        Map<String, Object> message;
        while (!closing && (message = lines.read()) != null) {
          if (!begin()) {
            break;
          }
          try {
            if (refusal != null) {
              lines.write(Replies.error(refusal,
                  "each user runs their own agent: set STACK_HOME to a folder you own", 1, "forbidden"));
              return;
            }
            serve(message);
          } finally {
            end();
          }
        }
      } catch (ProtocolException e) {
        log.warn("bad message from a client: {}", e.getMessage());
        try {
          lines.write(Replies.error(e.getMessage(), null, 2, "bad-request"));
        } catch (IOException ignored) {
          // the client is gone
        }
      } catch (IOException | UncheckedIOException e) {
        if (!closing) {
          log.debug("connection ended: {}", e.toString());
        }
      } finally {
        connections.remove(this);
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing to do
        }
      }
    }

    /** Null when the peer is our own user, else why it is refused. */
    private String checkPeer() throws IOException {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (peer.user().equals(owner)) {
        return null;
      }
      log.warn("refused a connection from user {}", peer.user().getName());
      return "the agent of user " + owner.getName() + " does not serve user " + peer.user().getName();
    }

    private void serve(Map<String, Object> message) throws IOException {
      Request req;
      try {
        req = Request.fromMessage(message);
      } catch (ProtocolException e) {
        lines.write(Replies.error(e.getMessage(), null, 2, "bad-request"));
        return;
      }
      String op = req.op();
      if (!version.equals(req.version()) && !BuiltinOps.ANY_VERSION.contains(op)) {
        lines.write(Replies.error("the agent runs version " + version + ", the CLI " + req.version(),
            "the CLI restarts the agent; services keep running", 1, Replies.VERSION_MISMATCH));
        return;
      }
      RequestHandler handler = handlers.get(op);
      if (handler == null) {
        lines.write(Replies.error("unknown operation '" + op + "'",
            "the agent (version " + version + ") does not know it", 2, "unknown-op"));
        return;
      }
      RequestOutput events = new RequestOutput(op, lines);
      Map<String, Object> reply;
      long start = System.nanoTime();
      try {
        reply = Replies.result(handler.handle(req, events));
      } catch (RequestException e) {
        reply = Replies.error(e.getMessage(), e.hint(), e.exitCode(), null);
      } catch (UncheckedIOException clientGone) {
        throw clientGone;
      } catch (RuntimeException e) {
        log.error("op {} failed", op, e);
        reply = Replies.error("the agent failed on '" + op + "': " + e,
            "see " + home.log(), 1, "internal");
      }
      events.answer(reply);
      log.debug("op {} in {} ms", op, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private synchronized boolean begin() {
      if (closing) {
        return false;
      }
      busy = true;
      return true;
    }

    private synchronized void end() {
      busy = false;
      notifyAll();
    }

    /** Waits for the running request, if any, until {@code deadline}, then closes. */
    synchronized void closeWhenIdle(long deadline) {
      long left;
      while (busy && (left = deadline - System.currentTimeMillis()) > 0) {
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
