package dev.stack.agent.supervisor;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import dev.stack.core.spi.Usage;
import dev.stack.model.StopSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A complete backend without processes, with fault injection (Nomad's mock driver): a start can
 * fail, and tests make any running instance print, exit or crash.
 */
final class FakeBackend implements Backend {

  /** What a start of a service does. */
  record Behaviour(BackendException startError, String firstLine) {}

  private final AtomicLong pids = new AtomicLong(1000);
  final List<FakeRunning> started = new CopyOnWriteArrayList<>();
  final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  volatile Function<InstanceSpec, Integer> exitOnStop = s -> 143;
  /** Services whose stop, or whose removal, fails with the given error. */
  final Map<String, BackendException> stopErrors = new ConcurrentHashMap<>();
  final Map<String, BackendException> discardErrors = new ConcurrentHashMap<>();
  /** "stop SERVICE" as a stop begins, "stopped SERVICE" as it ends, in that order. */
  final List<String> stops = new CopyOnWriteArrayList<>();
  /** How long a stop takes. */
  volatile long stopMillis;
  /** How long the prepare of a service takes (an image being built), by service. */
  final Map<String, Long> prepareMillis = new ConcurrentHashMap<>();
  /** Instances removed ({@link #discard}), by display name. */
  final List<String> discarded = new CopyOnWriteArrayList<>();
  /** Teardowns ({@link #teardown}): "stack" or "stack --volumes". */
  final List<String> teardowns = new CopyOnWriteArrayList<>();
  /** Services whose process has exited (with 3) by the time their start returns, seen 5 ms before. */
  final Set<String> exitAtOnce = ConcurrentHashMap.newKeySet();
  /** Named volumes held, {@code <stack>_<name>}, as an engine keeps them: a teardown with volumes removes a stack's. */
  final Set<String> volumes = ConcurrentHashMap.newKeySet();
  /** When set, every teardown fails with it (an engine that is not running). */
  volatile BackendException teardownError;
  private final String name;

  FakeBackend() {
    this("native");
  }

  FakeBackend(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare(InstanceSpec spec, java.util.function.Consumer<String> progress) {
    long ms = prepareMillis.getOrDefault(spec.id().service(), 0L);
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<String> teardown(String stack, boolean volumes) throws BackendException {
    teardowns.add(stack + (volumes ? " --volumes" : ""));
    if (teardownError != null) {
      throw teardownError;
    }
    List<String> removed = new ArrayList<>();
    if (volumes) {
      this.volumes.stream().filter(v -> v.startsWith(stack + "_")).sorted().forEach(v -> removed.add("volume " + v));
      this.volumes.removeIf(v -> v.startsWith(stack + "_"));
    }
    return removed;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, false, new Capabilities.Enforcement(false, "fake"), false, true, true, false, List.of());
  }

  @Override
  public Running start(InstanceSpec spec, LogSink logs) throws BackendException {
    Behaviour b = behaviours.get(spec.id().service());
    if (b != null && b.startError() != null) {
      throw b.startError();
    }
    FakeRunning r = new FakeRunning(spec, logs, pids.incrementAndGet());
    started.add(r);
    if (b != null && b.firstLine() != null) {
      r.print(b.firstLine());
    }
    if (exitAtOnce.contains(spec.id().service())) {
      r.exit.complete(new ExitStatus(3, null, Instant.now().minusMillis(5), null));
    }
    return r;
  }

  @Override
  public void discard(InstanceSpec spec) throws BackendException {
    BackendException e = discardErrors.get(spec.id().service());
    if (e != null) {
      throw e;
    }
    discarded.add(spec.id().displayName());
  }

  @Override
  public Optional<Running> recover(Handle handle, InstanceSpec spec, LogSink logs) {
    return started.stream().filter(r -> r.handle().equals(handle) && !r.exit().isDone()).map(r -> (Running) r).findFirst();
  }

  /** The latest run of an instance. */
  FakeRunning last(String instance) {
    for (int i = started.size() - 1; i >= 0; i--) {
      if (started.get(i).spec.id().displayName().equals(instance)) {
        return started.get(i);
      }
    }
    throw new AssertionError("never started: " + instance);
  }

  long starts(String instance) {
    return started.stream().filter(r -> r.spec.id().displayName().equals(instance)).count();
  }

  final class FakeRunning implements Running {
    final InstanceSpec spec;
    private final LogSink logs;
    private final long pid;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    volatile boolean stopped;

    FakeRunning(InstanceSpec spec, LogSink logs, long pid) {
      this.spec = spec;
      this.logs = logs;
      this.pid = pid;
    }

    void print(String line) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      logs.line(spec.id(), LogSink.Stream.OUT, Instant.now(), b, 0, b.length, false);
    }

    /** The process ends by itself with {@code code}. */
    void exitWith(int code) {
      exit.complete(new ExitStatus(code, null, Instant.now(), null));
    }

    @Override
    public Handle handle() {
      return new Handle("native", Map.of("pid", Long.toString(pid)));
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public String displayId() {
      return Long.toString(pid);
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public void signal(String signal) {
      exit.complete(new ExitStatus(null, signal, Instant.now(), null));
    }

    @Override
    public ExitStatus stop(StopSpec stop) throws BackendException {
      BackendException e = stopErrors.get(spec.id().service());
      if (e != null) {
        throw e;
      }
      stops.add("stop " + spec.id().service());
      try {
        Thread.sleep(stopMillis);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      stops.add("stopped " + spec.id().service());
      stopped = true;
      exit.complete(new ExitStatus(exitOnStop.apply(spec), null, Instant.now(), null));
      return exit.join();
    }

    @Override
    public Optional<Usage> usage() {
      return Optional.of(new Usage(1.5, 10 << 20, 1));
    }

    @Override
    public Capabilities.Enforcement enforcement() {
      return new Capabilities.Enforcement(false, "fake");
    }
  }
}
