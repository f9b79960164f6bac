package dev.stack.agent.supervisor;

import dev.stack.agent.daemon.AgentExtension;
import dev.stack.agent.daemon.AgentMain;
import dev.stack.agent.daemon.AgentServer;
import dev.stack.agent.daemon.EventSink;
import dev.stack.agent.daemon.RequestException;
import dev.stack.agent.daemon.RequestHandler;
import dev.stack.agent.daemon.WatchdogFifoHolder;
import dev.stack.agent.protocol.StackHome;
import dev.stack.core.logs.LogStore;
import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.load.ProfileCatalog;
import dev.stack.nativ.FifoHolder;
import dev.stack.nativ.NativeBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs supervision into the agent: the log store, the backends, the {@link Supervisor} (which
 * re-adopts what a previous agent ran), and the operations the CLI calls.
 */
public final class SupervisorExtension implements AgentExtension {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorExtension.class);

  /** A stack file problem travels to the CLI with this exit code and its lines as they are. */
  public static final int STACK_FILE_EXIT = 2;

  @Override
  public void configure(AgentServer server) {
    StackHome home = server.home();
    LogStore logs = new LogStore(home.logsDir());
    WatchdogFifoHolder watchdog = new WatchdogFifoHolder(home);
    // the native backend queues holds and releases and hands them over in batches (apply)
    Backends backends = new Backends(new FifoHolder() {
      @Override
      public void hold(Path fifo) {
        apply(List.of(new Change(fifo, true)));
      }

      @Override
      public void release(Path fifo) {
        apply(List.of(new Change(fifo, false)));
      }

      @Override
      public void apply(List<Change> changes) {
        try {
          watchdog.changeInBackground(changes, e -> LOG.warn("the watchdog cannot hold a FIFO: {} (output written"
              + " while the agent is down may block)", e.getMessage()));
        } catch (IOException e) {
          LOG.warn("cannot tell the watchdog {} FIFO change(s): {} (output written while the agent is down may block)",
              changes.size(), e.getMessage());
        }
      }
    });
    prepareNative(backends);
    server.afterBind(SupervisorExtension::preloadProfiles);
    Supervisor supervisor = new Supervisor(home.stateDir(), home.runDir(), backends, logs);
    supervisor.recover();
    register(server, "up", (args, events) -> supervisor.up(args, events));
    register(server, "stop", (args, events) -> supervisor.stop(args, events));
    register(server, "start", (args, events) -> supervisor.start(args, events, false));
    register(server, "restart", (args, events) -> supervisor.start(args, events, true));
    register(server, "down", (args, events) -> supervisor.down(args, events));
    register(server, "ps", (args, events) -> StatusRows.table(supervisor.ps(args), args));
    register(server, "describe", (args, events) -> supervisor.describe(args));
    register(server, "exec", (args, events) -> supervisor.execTarget(args));
    register(server, "resurrect", (args, events) -> supervisor.resurrect(events));
    register(server, "halt", (args, events) -> {
      Map<String, Object> r = new LinkedHashMap<>(supervisor.halt(events));
      r.put("pid", ProcessHandle.current().pid());
      server.requestStop(AgentMain.EXIT_STOPPED);
      return r;
    });
    register(server, "logs-purge", (args, events) -> {
      String stack = RequestArgs.str(args, "stack");
      logs.purge(stack, RequestArgs.strings(args, "services"));
      return Map.of("stack", stack);
    });
    server.onClose(() -> {
      supervisor.close();
      backends.close();
      logs.close();
    });
  }

  /** An operation on maps. */
  @FunctionalInterface
  interface Op {
    Map<String, Object> run(Map<String, Object> args, Consumer<Map<String, Object>> events) throws RequestException;
  }

  /**
   * Prepares the native backend in the background while the agent binds its socket and reads the
   * first request (the two cores do both): most stacks run native services, and a cold
   * {@code stack up} waited about 50 ms for it on its critical path.
   */
  private static void prepareNative(Backends backends) {
    inBackground("native-prepare", () -> ((NativeBackend) backends.apply(NativeBackend.NAME)).prepare(),
        e -> LOG.warn("preparing the native backend: {} (the first native start tries again)", e.toString()));
  }

  /**
   * Reads the built-in profiles in the background once the socket is bound: every {@code up} needs
   * them, and the client takes about 30 ms to connect and send its first request, time the agent
   * otherwise spends idle. A cold {@code stack up} spent about 20 ms reading them, on its path.
   */
  private static void preloadProfiles() {
    // they ship in the jar (a damaged one?): every load of a stack file fails after a failure here
    inBackground("profiles-preload", ProfileCatalog::preload,
        e -> LOG.error("reading the built-in profiles: {}", e.toString()));
  }

  /** Runs {@code work} in a daemon thread of its own; a failure goes to {@code failed}. */
  private static void inBackground(String name, Runnable work, Consumer<Throwable> failed) {
    Thread t = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError e) {
        failed.accept(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  private static void register(AgentServer server, String name, Op op) {
    RequestHandler handler = (request, sink) -> {
      try {
        Map<String, Object> result = op.run(request.args(), whileListened(sink));
        return result;
      } catch (StackFileException e) {
        throw new RequestException(e.problems().stream().map(Problem::format).collect(Collectors.joining("\n")),
            null, STACK_FILE_EXIT);
      } catch (IllegalArgumentException e) {
        throw new RequestException(e.getMessage(), null, 1);
      }
    };
    server.register(name, handler);
  }

  /**
   * The request's events, for as long as its CLI listens. A CLI that went away (Ctrl-C while
   * {@code up} waits for a health check) gets no more of them, and the operation goes on to its end:
   * {@code up} still starts the dependents it was waiting to start, {@code down} still stops and
   * removes everything. (The sink throws once its CLI is gone; that ended the worker that was about
   * to start an instance, which then showed {@code starting} with no process for good.)
   */
  private static Consumer<Map<String, Object>> whileListened(EventSink sink) {
    AtomicBoolean gone = new AtomicBoolean();
    return event -> {
      if (gone.get()) {
        return;
      }
      try {
        emit(sink, event);
      } catch (UncheckedIOException e) {
        if (!gone.getAndSet(true)) {
          LOG.info("the CLI went away ({}): the request goes on without it", e.getCause().getMessage());
        }
      }
    };
  }

  private static void emit(EventSink sink, Map<String, Object> event) {
    Map<String, Object> fields = new LinkedHashMap<>(event);
    Object type = fields.remove("event");
    sink.emit(type == null ? "progress" : type.toString(), fields);
  }

}
