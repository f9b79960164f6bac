package dev.stack.agent.supervisor;

import dev.stack.agent.daemon.RequestException;
import dev.stack.core.address.Addresses;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.model.Canonical;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import dev.stack.model.StackFileException;
import dev.stack.model.load.StackLoader;
import dev.stack.model.profile.NearestName;
import dev.stack.nativ.NativeBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stack this agent runs, and the operations the CLI asks for. Operations take and return
 * plain maps (the agent protocol's JSON); failures are {@link RequestException}s with the exit code the
 * CLI returns.
 */
public final class Supervisor implements AutoCloseable {

  /** How long {@code up} waits for readiness unless told. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** How long an idle worker thread stays. */
  private static final Duration WORKER_IDLE = Duration.ofSeconds(5);

  private final Map<String, StackRun> runs = new ConcurrentHashMap<>();
  private final Function<String, Backend> backends;
  /** Backends this supervisor made itself (standalone), closed with it; null when they were given. */
  private Backends own;
  private final LogSink logs;
  private final StateStore state;
  private final SpecFactory specs;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final FileWatches watches;

  /**
   * @param stateDir where stack states are persisted
   * @param runDir where instances get private run folders
   * @param backends the backend for a name ({@code native}, {@code docker}); may throw
   *     IllegalArgumentException for an unavailable one
   * @param logs where every instance's output goes
   */
  public Supervisor(Path stateDir, Path runDir, Function<String, Backend> backends, LogSink logs) {
    this.backends = backends;
    this.logs = logs;
    this.state = new StateStore(stateDir);
    this.specs = new SpecFactory(runDir, Canonical::hash);
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(2, daemonThreads("supervisor-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    // as many threads as an operation has instances (a task may wait for another's readiness, so a
    // bounded pool could deadlock), but idle ones go after 5 s, not the 60 s of a cached pool:
    // after an `up` of 100, 100 idle threads would otherwise sit in memory for a minute
    this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE.toMillis(), TimeUnit.MILLISECONDS,
        new SynchronousQueue<>(), daemonThreads("supervisor-worker"));
    this.watches = new FileWatches(timer, List.of(stateDir, runDir.getParent()));
  }

  /**
   * A supervisor for a foreground run ({@code stack up --foreground}): the built-in backends, no
   * watchdog (the process that supervises is the one in front of the user).
   */
  public static Supervisor standalone(Path stateDir, Path runDir, LogSink logs) {
    Backends own = new Backends(dev.stack.nativ.FifoHolder.NONE);
    Supervisor s = new Supervisor(stateDir, runDir, own, logs);
    s.own = own;
    return s;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread th = new Thread(null, r, name + "-" + n.incrementAndGet(), 512 * 1024);
      th.setDaemon(true);
      return th;
    };
  }

  /** {@code up}: see {@link StackRun#up}. */
  public Map<String, Object> up(Map<String, Object> args, Consumer<Map<String, Object>> events) throws RequestException {
    String file = RequestArgs.str(args, "file");
    StackRun existing = byFile(args);
    String profile = RequestArgs.str(args, "profile");
    String profileSource = "given";
    if (profile == null) {
      profile = existing != null ? existing.request().profile() : "dev";
      profileSource = existing != null ? "running" : "default";
    }
    StackRequest request = RequestArgs.stackRequest(args).withProfile(profile);
    StackLoader.Loaded loaded;
    try {
      loaded = load(request);
    } catch (StackFileException e) {
      throw "default".equals(profileSource) ? validUnderAnother(request, e) : e;
    }
    Stack stack = loaded.stack();
    StackRun run = runs.get(stack.name());
    if (run != null && !run.request().file().equals(file)) {
      throw nameTaken(stack, run);
    }
    Set<String> only = new LinkedHashSet<>(RequestArgs.strings(args, "services"));
    List<String> unknown = new ArrayList<>();
    for (String s : only) {
      if (!stack.services().containsKey(s)) {
        unknown.add(s);
      }
    }
    if (!unknown.isEmpty()) {
      throw noSuchService(stack, unknown);
    }
    Map<String, Object> profileEvent = new LinkedHashMap<>();
    profileEvent.put("event", "profile");
    profileEvent.put("profile", profile);
    profileEvent.put("source", profileSource);
    events.accept(profileEvent);
    noteOtherStacksOf(file, request.source(), stack.name(), events);
    if (run == null) {
      run = new StackRun(stack, request, this::backend, logs, timer, workers, state::save);
    }
    Duration wait = RequestArgs.waitTimeout(args);
    boolean build = Boolean.TRUE.equals(args.get("build"));
    try {
      if (Boolean.TRUE.equals(args.get("dry_run"))) {
        return UpPlan.answer(run.plan(stack, only, specs, request.env(), build), stack, profile);
      }
      // two first ups of one stack at once: both must use the one run, whose lock orders them
      StackRun raced = runs.putIfAbsent(stack.name(), run);
      if (raced != null && raced.request().file().equals(file)) {
        run = raced;
      } else if (raced != null) {
        throw nameTaken(stack, raced);
      }
      UpFailure failure = run.up(stack, request, only, specs, build, wait, events::accept);
      watch(run, events); // also after a failure: a fix saved to a watched file restarts what crashed
      if (failure != null) {
        throw failure.toRequestException();
      }
    } catch (Addresses.UnresolvedReference e) {
      throw new RequestException(e.getMessage(), e.hint(), 2);
    } catch (BackendException e) {
      throw new RequestException(e.getMessage(), e.hint(), 1); // up --build --dry-run: the engine's answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestException("interrupted", null, 1);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stack", stack.name());
    result.put("profile", profile);
    result.put("services", run.instances().size());
    return result;
  }

  private static RequestException nameTaken(Stack stack, StackRun other) {
    return new RequestException("stack name '" + stack.name() + "' is already used by " + other.request().file(),
        "give one of them another name with 'name:' in its stack file", 2);
  }

  /**
   * {@code resurrect}: brings back every stack that was running before the host restarted, with
   * the profile it had; instances stopped on purpose stay stopped. What a boot-time unit runs.
   */
  public Map<String, Object> resurrect(Consumer<Map<String, Object>> events) {
    List<Object> done = new ArrayList<>();
    List<Object> failed = new ArrayList<>();
    List<Object> running = new ArrayList<>();
    for (StackRun run : new ArrayList<>(runs.values())) {
      if (!run.wasRebooted()) {
        running.add(run.name()); // since this boot: the agent looks after it as it is
        continue;
      }
      StackRequest r = run.request();
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("file", r.file());
      args.put("source", r.source());
      args.put("profile", r.profile());
      args.put("sets", r.sets());
      args.put("env", r.env());
      try {
        up(args, events);
        done.add(run.name());
      } catch (RequestException | RuntimeException e) {
        failed.add(run.name() + ": " + e.getMessage());
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("resurrected", done);
    result.put("failed", failed);
    result.put("running", running);
    return result;
  }

  /** {@code stop [SERVICE...]}. */
  public Map<String, Object> stop(Map<String, Object> args, Consumer<Map<String, Object>> events) throws RequestException {
    StackRun run = required(args);
    run.stop(services(run, args), events::accept);
    return Map.of("stack", run.name());
  }

  /** {@code start [SERVICE...]} and {@code restart [SERVICE...]}. */
  public Map<String, Object> start(Map<String, Object> args, Consumer<Map<String, Object>> events, boolean restart)
      throws RequestException {
    StackRun run = required(args);
    UpFailure failure = run.start(services(run, args), RequestArgs.waitTimeout(args), events::accept, restart,
        restart && Boolean.TRUE.equals(args.get("rolling")));
    if (failure != null) {
      throw failure.toRequestException();
    }
    return Map.of("stack", run.name());
  }

  /**
   * {@code down}: stops everything of the stack and forgets it. What the stack may have left on a
   * backend it has no instance on (its named volumes after an earlier {@code down} or a switch of
   * profile, whether the agent restarted since or not) is found there by the stack's name:
   * {@code --volumes} looks on every backend the stack file's profiles name, and so does a
   * {@code down} of a stack the agent does not run.
   */
  public Map<String, Object> down(Map<String, Object> args, Consumer<Map<String, Object>> events) throws RequestException {
    boolean volumes = Boolean.TRUE.equals(args.get("volumes"));
    DownFailures failures = new DownFailures(events);
    StackRun run = byFile(args);
    if (run == null) {
      Map<String, Object> result = downNotRunning(args, volumes, failures);
      failures.throwIfAny();
      return result;
    }
    int n = run.instances().size();
    watches.unwatchAll(key -> key.startsWith(run.name() + "/"));
    run.down(volumes, volumes ? ProfileBackends.of(run.request(), this::backend) : List.of(), failures::accept);
    runs.remove(run.name());
    state.forget(run.name());
    failures.throwIfAny();
    return Map.of("stack", run.name(), "stopped", n);
  }

  /**
   * {@code down} of a stack the agent does not run: removes what its profiles' backends still hold
   * of it. A file that does not load is "nothing to stop", as before, unless volumes were asked
   * for: then the user learns why none could be looked for.
   */
  private Map<String, Object> downNotRunning(Map<String, Object> args, boolean volumes,
      Consumer<Map<String, Object>> events) throws RequestException {
    Map<String, Object> nothing = Map.of("stack", "", "stopped", 0);
    StackRequest request = RequestArgs.stackRequest(args);
    StackLoader.Loaded loaded;
    try {
      loaded = ProfileBackends.load(request);
    } catch (StackFileException e) {
      if (volumes) {
        throw e;
      }
      return nothing;
    }
    StackRun other = runs.get(loaded.stack().name());
    if (other != null) {
      // the name is another file's stack: what the backends hold under it is that one's
      if (volumes) {
        throw nameTaken(loaded.stack(), other);
      }
      return nothing;
    }
    StackRequest as = request.withProfile(loaded.profile().name());
    StackRun gone = new StackRun(loaded.stack(), as, this::backend, logs, timer, workers, r -> { });
    List<String> removed = gone.down(volumes, ProfileBackends.of(loaded, as, this::backend), events::accept);
    return removed.isEmpty() ? nothing : Map.of("stack", gone.name(), "stopped", 0);
  }

  /** {@code ps}: rows for the stack of {@code file}, or every stack with {@code all}. */
  public Map<String, Object> ps(Map<String, Object> args) {
    return StatusRows.ps(runs.values(), Boolean.TRUE.equals(args.get("all")), RequestArgs.str(args, "file"));
  }

  /**
   * {@code daemon stop --services}, for a shutdown (what the unit of {@code stack startup} runs as
   * it stops): every native service of every stack is stopped, dependents first, each with its stop
   * signal and timeout, and none of it is saved, so the next boot's {@code resurrect} brings back
   * what ran. Containers are left to the engine, whose restart policy brings them back. The agent
   * is stopped after this.
   */
  public Map<String, Object> halt(Consumer<Map<String, Object>> events) {
    watches.close(); // nothing is restarted on a change from here on
    state.freeze(runs.values());
    int stopped = 0;
    for (StackRun run : runs.values()) {
      stopped += run.stopOn(NativeBackend.NAME, events::accept);
    }
    return Map.of("stopped", stopped);
  }

  /** {@code describe SERVICE}. */
  public Map<String, Object> describe(Map<String, Object> args) throws RequestException {
    StackRun run = required(args);
    String service = RequestArgs.str(args, "service");
    if (service == null || !run.stack().services().containsKey(service)) {
      throw noSuchService(run.stack(), List.of(String.valueOf(service)));
    }
    return StatusRows.describe(run, service);
  }

  /**
   * {@code exec SERVICE}: what the CLI needs to run a command in instance {@code index} of the
   * service: its backend, its container (docker) or its environment and folder (native: the CLI
   * runs the command itself, as the instance was run). Secrets are in clear: the caller is the user
   * whose agent started the instance with them.
   */
  public Map<String, Object> execTarget(Map<String, Object> args) throws RequestException {
    StackRun run = required(args);
    String service = RequestArgs.str(args, "service");
    if (service == null || !run.stack().services().containsKey(service)) {
      throw noSuchService(run.stack(), List.of(String.valueOf(service)));
    }
    int index = args.get("index") instanceof Number n ? n.intValue() : 1;
    List<InstanceSupervisor> of = run.select(List.of(service));
    InstanceSupervisor target = of.stream().filter(i -> i.id().index() == index).findFirst().orElse(null);
    if (target == null) {
      throw new RequestException(service + " has no instance " + index + " (it has " + of.size() + ")",
          of.isEmpty() ? "it has replicas: 0 here" : "give --index 1" + (of.size() > 1 ? " to " + of.size() : ""), 2);
    }
    String name = target.id().displayName();
    if (target.running().isEmpty()) {
      throw new RequestException(name + " is not running (" + target.state().word() + ")",
          "start it first: 'stack start " + service + "'", 1);
    }
    InstanceSpec spec = target.spec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instance", name);
    out.put("backend", spec.service().backend());
    out.put("container", spec.id().qualified());
    out.put("env", new LinkedHashMap<String, Object>(spec.env()));
    out.put("workdir", spec.workdir());
    return out;
  }

  /** A service name the stack does not have: the names it has, and the one meant when one is close. */
  private static RequestException noSuchService(Stack stack, List<String> unknown) {
    return new RequestException("no such service: " + String.join(", ", unknown),
        NearestName.servicesHint(unknown.get(0), stack.name(), stack.services().keySet()), 2);
  }

  private StackRun required(Map<String, Object> args) throws RequestException {
    StackRun run = byFile(args);
    if (run == null) {
      throw new RequestException("the stack of " + RequestArgs.str(args, "source") + " is not running",
          "start it with 'stack up'", 1);
    }
    return run;
  }

  private static Collection<String> services(StackRun run, Map<String, Object> args) throws RequestException {
    List<String> services = RequestArgs.strings(args, "services");
    List<String> unknown = run.unknown(services);
    if (!unknown.isEmpty()) {
      throw noSuchService(run.stack(), unknown);
    }
    return services;
  }

  /**
   * The run of the stack file the request names. A file whose {@code name:} was edited while its
   * stack ran has two (the old name's keeps running, as a renamed Compose project does): the one
   * the file names now, when it loads, so that {@code down} stops that one and a second
   * {@code down} the other.
   */
  private StackRun byFile(Map<String, Object> args) {
    List<StackRun> of = runsOf(RequestArgs.str(args, "file"));
    if (of.size() > 1) {
      StackRequest request = RequestArgs.stackRequest(args);
      try {
        String named = load(request.profile() != null ? request : request.withProfile(of.get(0).request().profile()))
            .stack().name();
        for (StackRun r : of) {
          if (r.name().equals(named)) {
            return r;
          }
        }
      } catch (StackFileException e) {
        // the file does not load now: any of them
      }
    }
    return of.isEmpty() ? null : of.get(0);
  }

  /** The runs of the stack file {@code file}: one, or more after its {@code name:} changed while one ran. */
  private List<StackRun> runsOf(String file) {
    List<StackRun> of = new ArrayList<>();
    for (StackRun r : runs.values()) {
      if (r.request().file().equals(file)) {
        of.add(r);
      }
    }
    return of;
  }

  private Backend backend(String name) {
    return backends.apply(name);
  }

  /**
   * A file that {@code up} could not load under the default profile, and that loads under another:
   * its problems, then which profile it is meant for (after a {@code down} of a stack that ran with
   * {@code --profile prod}, a plain {@code up} tries dev).
   */
  private static StackFileException validUnderAnother(StackRequest r, StackFileException e) {
    List<String> valid = StackLoader.otherProfiles(loaderRequest(r)).entrySet().stream()
        .filter(p -> p.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    return valid.isEmpty() ? e : e.underProfiles(r.source(), r.profile() + " (the default)", "it is valid under "
        + String.join(", ", valid) + ": run '" + command(r.source(), "up --profile " + valid.get(0)) + "'");
  }

  /** A command line for the stack file the user named {@code source}: {@code stack -f FILE ...} unless it is stack.yaml. */
  private static String command(String source, String rest) {
    return (StackLoader.DEFAULT_FILE.equals(source) ? "stack " : "stack -f " + source + " ") + rest;
  }

  /** Loads the stack; a bad file throws StackFileException, which the server maps to exit 2. */
  static StackLoader.Loaded load(StackRequest r) {
    return StackLoader.load(loaderRequest(r));
  }

  private static StackLoader.Request loaderRequest(StackRequest r) {
    return new StackLoader.Request(Path.of(r.file()), r.source(), r.profile(), r.sets(), r.env());
  }

  /**
   * Says which other stacks run from {@code file}: the file's {@code name:} was changed while they
   * ran, so {@code up} starts a second stack beside them (as a renamed Compose project does), and
   * the old one's services go on, now under a name the file no longer gives.
   */
  private void noteOtherStacksOf(String file, String source, String name, Consumer<Map<String, Object>> events) {
    String down = command(source, "down");
    for (StackRun other : runsOf(file)) {
      if (!other.name().equals(name)) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("event", "note");
        note.put("text", "stack " + other.name() + " runs from this file too, under the name it started with: '"
            + down + "' stops " + name + ", then a second '" + down + "' stops " + other.name());
        events.accept(note);
      }
    }
  }

  /**
   * Re-adopts what a previous agent ran: for every persisted stack, loads its file again, and for
   * every instance that was running re-attaches to it (pid + start time, or container id) and
   * supervises it again, crash restarts included; an instance whose process ended meanwhile gets
   * its restart policy applied. After a reboot nothing is started here: the next {@code stack up}
   * brings the stack back as it was (instances stopped on purpose stay stopped).
   */
  public void recover() {
    Recovery recovery = new Recovery(state, specs, this::backend, logs, timer, workers);
    for (Map<String, Object> st : state.loadAll()) {
      try {
        StackRun run = recovery.stack(st);
        runs.put(run.name(), run);
        state.save(run);
        if (!run.wasRebooted()) {
          watch(run, e -> { }); // after a reboot, the up that brings the stack back watches again
        }
      } catch (RuntimeException | Addresses.UnresolvedReference e) {
        LOG.warn("cannot recover stack " + st.get("name") + ": " + e.getMessage());
      }
    }
  }

  /**
   * Makes the file watches of {@code run}'s services what its definition says: a service with
   * {@code watch:} is watched (told to the user when that is new or changed), one without is not.
   * A folder that cannot be watched (the system's limit of watches) is told, and fails nothing.
   */
  private void watch(StackRun run, Consumer<Map<String, Object>> events) {
    Stack stack = run.stack();
    watches.unwatchAll(key -> key.startsWith(stack.name() + "/")
        && !stack.services().containsKey(key.substring(stack.name().length() + 1)));
    for (Service s : stack.services().values()) {
      String key = stack.name() + "/" + s.name();
      if (s.watch() == null) {
        watches.unwatch(key);
        continue;
      }
      String paths = s.watch().paths().stream().map(p -> shown(stack.dir(), Path.of(p))).collect(Collectors.joining(", "));
      try {
        int folders = watches.watch(key, s.watch(), stack.dir(), changed -> changed(stack.name(), s.name(), changed));
        if (folders >= 0) {
          events.accept(StackRun.event(s.name(), "watching", paths + " (" + folders + (folders == 1 ? " folder)" : " folders)")));
        }
      } catch (IOException e) {
        LOG.warn("cannot watch {} for {}: {}", paths, key, e.getMessage());
        events.accept(StackRun.event(s.name(), "not watching", paths + ": " + e.getMessage()
            + " (raise fs.inotify.max_user_watches, or watch fewer folders: watch.paths, watch.ignore)"));
      }
    }
  }

  private static String shown(Path base, Path p) {
    return p.equals(base) ? "." : p.startsWith(base) ? "./" + base.relativize(p) : p.toString();
  }

  /** A file {@code service} watches changed: its instances restart (not those stopped on purpose). */
  private void changed(String stack, String service, String path) {
    try {
      workers.execute(() -> {
        StackRun run = runs.get(stack);
        if (run == null) {
          return;
        }
        LOG.info("{}: {} changed: restarting {}", stack, path, service);
        UpFailure failed = run.restartChanged(service, path + " changed", DEFAULT_WAIT, e -> { });
        if (failed != null) {
          LOG.warn("{}: restart of {} after a change did not succeed: {}", stack, service,
              failed.toRequestException().getMessage());
        }
      });
    } catch (RejectedExecutionException closing) {
      // the agent is stopping
    }
  }

  @Override
  public void close() {
    watches.close();
    timer.shutdownNow();
    workers.shutdownNow();
    state.close();
    if (own != null) {
      own.close(); // standalone: its own backends (the agent closes the ones it passed in)
    }
  }
}
