package dev.stack.cli;

import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.daemon.RequestException;
import dev.stack.agent.supervisor.Supervisor;
import dev.stack.core.logs.LogFormatter;
import dev.stack.core.logs.LogRecord;
import dev.stack.core.logs.LogStore;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import dev.stack.model.LogSpec;
import dev.stack.model.Service;
import dev.stack.model.load.StackLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code stack up --foreground} ({@code stack run}): supervises in this process without the agent,
 * as pm2-runtime does: prefixed logs on stdout, SIGTERM or Ctrl-C stops every service gracefully,
 * and the exit code says whether everything failed. What a container's entrypoint runs.
 */
final class Foreground {

  private Foreground() {}

  static int run(Session session, StackOptions options, List<String> services, Duration wait) throws Exception {
    StackLoader.Loaded loaded = options.load(session);
    StackHome home = StackHome.resolve(session.env(), System.getProperty("user.home"));
    Files.createDirectories(home.logsDir());
    Path state = Files.createTempDirectory("stack-foreground-");
    List<String> names = new ArrayList<>();
    for (Service s : loaded.stack().services().values()) {
      for (int i = 1; i <= s.replicas(); i++) {
        names.add(new InstanceId(loaded.stack().name(), s.name(), i).displayName());
      }
    }
    PrintStream out = session.out();
    LogFormatter formatter = new LogFormatter(
        new LogFormatter.Options(Terminal.ansi(session, options).enabled(), false, true, false), names);
    LogStore store = new LogStore(home.logsDir());
    LogSink tee = new Tee(store, formatter, out);
    Supervisor supervisor = Supervisor.standalone(state, home.runDir(), tee);
    AgentCalls calls = new AgentCalls(session, options);
    Map<String, Object> args = calls.stackArgs(services);
    args.put("profile", loaded.profile().name());
    args.put("wait_timeout_ms", wait.toMillis());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      session.err().println("stopping every service...");
      try {
        supervisor.down(args, calls.progress(dev.stack.core.render.Ansi.OFF));
      } catch (RequestException e) {
        session.err().println("error: " + e.getMessage());
      }
      store.close();
      supervisor.close(); // here, not after: on a signal the JVM ends once the hooks are done
      stopped.countDown();
    }, "foreground-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      supervisor.up(args, calls.progress(Terminal.ansi(session, options)));
    } catch (RequestException e) {
      session.err().println("error: " + e.getMessage());
      if (e.hint() != null) {
        session.err().println("  hint: " + e.hint());
      }
    }
    int code = waitUntilAllEnded(supervisor, args);
    boolean signalled;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      signalled = false;
    } catch (IllegalStateException shuttingDown) {
      signalled = true; // SIGTERM/SIGINT: the hook is stopping everything already
    }
    if (!signalled) {
      hook.run();
    }
    stopped.await();
    deleteTree(state);
    return code;
  }

  /** Blocks while any instance runs or will restart; 0 when every one completed, else 1. */
  @SuppressWarnings("unchecked")
  private static int waitUntilAllEnded(Supervisor supervisor, Map<String, Object> args) throws InterruptedException {
    while (true) {
      List<Map<String, Object>> rows = (List<Map<String, Object>>) supervisor.ps(args).get("instances");
      boolean anyAlive = false;
      boolean allCompleted = true;
      for (Map<String, Object> r : rows) {
        String state = String.valueOf(r.get("state"));
        if (!state.equals("completed") && !state.equals("exited") && !state.equals("errored") && !state.equals("stopped")) {
          anyAlive = true;
        }
        allCompleted &= state.equals("completed");
      }
      if (!anyAlive) {
        return allCompleted ? ExitCode.OK : ExitCode.FAILED;
      }
      Thread.sleep(200);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stores every line and prints whole lines, prefixed, on stdout. */
  private record Tee(LogStore store, LogFormatter formatter, PrintStream out) implements LogSink {
    @Override
    public void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
      store.line(id, stream, time, buf, off, len, partial);
      String text = new String(buf, off, len, StandardCharsets.UTF_8);
      synchronized (out) {
        out.println(formatter.format(new LogRecord(time, id.service(), id.index(), stream, text)));
      }
    }

    @Override
    public void configure(InstanceId id, LogSpec spec) {
      store.configure(id, spec);
    }

    @Override
    public void flush(InstanceId id) {
      store.flush(id);
      out.flush();
    }
  }
}
