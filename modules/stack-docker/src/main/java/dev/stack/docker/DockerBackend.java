package dev.stack.docker;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities;
import dev.stack.core.spi.ExecRequest;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import dev.stack.model.Build;
import dev.stack.model.Service;
import dev.stack.model.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The container backend ({@code docker}): one container per instance, named
 * {@code <stack>-<service>-<n>}, on the stack's own bridge network ({@code stack-<stack>}), where
 * it answers to its service's name. Containers keep Docker's restart policy, so they live on
 * without the agent. Labels mark what stack owns and carry the canonical definition and its hash,
 * so an unchanged stopped container is started again and a changed one replaced.
 *
 * <p>Constructing it costs nothing: the engine is first contacted by the first operation, and an
 * engine that does not answer is the one {@code cannot reach the Docker engine at ...} error.
 */
public final class DockerBackend implements Backend {

  static final Capabilities.Enforcement ENFORCED = new Capabilities.Enforcement(true, "docker");

  /** Opens the engine; {@link DockerEngine#fromEnvironment()} outside tests. */
  interface EngineSource {
    DockerEngine open() throws BackendException;
  }

  private final EngineSource source;
  private final Map<String, String> extraLabels;
  private final Map<String, String> images = new ConcurrentHashMap<>();
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
  private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
  private final Map<String, DockerInstance> live = new ConcurrentHashMap<>();
  private volatile Parts parts;

  /** The backend on the engine of the environment ({@code DOCKER_HOST}). */
  public DockerBackend() {
    this(DockerEngine::fromEnvironment, Map.of());
  }

  /**
   * A backend on the engine {@code source} opens, adding {@code extraLabels} to everything it
   * creates (tests mark theirs this way).
   */
  DockerBackend(EngineSource source, Map<String, String> extraLabels) {
    this.source = source;
    this.extraLabels = Map.copyOf(extraLabels);
  }

  /** The engine and what is shared on it, made on first use. */
  private record Parts(DockerEngine engine, ContainerEvents events, StackNetwork network, ExecutorService executor) {}

  private Parts parts() throws BackendException {
    Parts p = parts;
    if (p == null) {
      synchronized (this) {
        if (parts == null) {
          DockerEngine engine = source.open();
          ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
          parts = new Parts(engine, new ContainerEvents(engine, executor), new StackNetwork(engine, extraLabels),
              executor);
        }
        p = parts;
      }
    }
    return p;
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true, ENFORCED, true, false, true, true, List.of(
        "restarts are Docker's own: a 100 ms delay doubling on quick crashes, no max_backoff, min_uptime or errored",
        "max_restarts counts every restart of a container (Docker's maximum retry count), not only quick ones",
        "restart: always runs as unless-stopped, so a container stopped by stack stays stopped"));
  }

  @Override
  public void prepare(InstanceSpec spec, Consumer<String> progress) throws BackendException {
    Parts p = parts();
    String stack = spec.id().stack();
    p.network().ensure(stack);
    for (Volume v : spec.service().volumes()) {
      if (v.type() == Volume.Type.VOLUME) {
        p.network().ensureVolume(stack, v.source());
      }
    }
    imageOf(spec, progress, p, true);
  }

  @Override
  public void build(InstanceSpec spec, Consumer<String> progress) throws BackendException {
    if (spec.service().build() != null) {
      imageOf(spec, progress, parts(), true);
    }
  }

  @Override
  public Optional<String> outdated(InstanceSpec spec) throws BackendException {
    Service service = spec.service();
    if (service.build() == null) {
      return Optional.empty();
    }
    String image = ImageBuilder.tagFor(buildRequest(spec.id().stack(), service));
    Parts p = parts();
    try {
      String running = p.engine().client().inspectContainerCmd(spec.id().qualified()).exec().getConfig().getImage();
      return image.equals(running) ? Optional.empty() : Optional.of("image " + running + " => " + image);
    } catch (NotFoundException gone) {
      return Optional.empty(); // nothing runs it: its start makes the container of the new build
    } catch (RuntimeException e) {
      throw EngineFailures.of(p.engine(), "inspecting container " + spec.id().qualified(), e);
    }
  }

  @Override
  public int exec(ExecRequest request, InputStream in, OutputStream out, OutputStream err) throws BackendException {
    return ContainerExec.attached(parts().engine(), request, in, out, err);
  }

  @Override
  public Running start(InstanceSpec spec, LogSink logs) throws BackendException {
    Parts p = parts();
    String network = p.network().ensure(spec.id().stack());
    p.events().open(); // before anything is created: a failure here leaves nothing behind
    String image = imageOf(spec, line -> { }, p, false);
    ContainerBlueprint blueprint = ContainerBlueprint.of(spec, image, network, extraLabels);
    String name = blueprint.name();
    try {
      String id;
      Instant logsSince = null;
      boolean running = false;
      try {
        id = create(p, blueprint);
      } catch (ConflictException nameTaken) {
        InspectContainerResponse existing = p.engine().client().inspectContainerCmd(name).exec();
        // a container of an older image is replaced too: a build whose context changed since
        // (restart rebuilds it in prepare) is run, not the container made from the last build
        if (!owned(existing, spec) || !sameDefinition(existing, spec) || !image.equals(existing.getConfig().getImage())) {
          remove(p, name, spec);
          id = create(p, blueprint);
        } else {
          id = existing.getId();
          running = Boolean.TRUE.equals(existing.getState().getRunning())
              || Boolean.TRUE.equals(existing.getState().getRestarting());
          Instant saved = LogFollower.savedCursor(spec.runDir());
          // a stopped container's old output was taken when it ran: only the new run's is new
          logsSince = running ? (saved != null ? saved : DockerInstance.instant(existing.getState().getStartedAt()))
              : Instant.now();
        }
      }
      DockerInstance instance = new DockerInstance(p.engine(), p.events(), p.executor(), spec, id, network, logs);
      instance.watch();
      if (!running) {
        startOrRemove(p, instance, id, spec);
      }
      live.put(name, instance);
      instance.begin(logsSince);
      return instance;
    } catch (RuntimeException e) {
      throw EngineFailures.of(p.engine(), "starting container " + name, e);
    }
  }

  private String create(Parts p, ContainerBlueprint blueprint) {
    CreateContainerResponse created = blueprint.applyTo(p.engine().client().createContainerCmd(blueprint.image()))
        .exec();
    return created.getId();
  }

  /** Starts a created container; one that cannot start is removed again, so nothing half-made stays. */
  private void startOrRemove(Parts p, DockerInstance instance, String id, InstanceSpec spec) throws BackendException {
    try {
      p.engine().client().startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // started meanwhile by the engine's policy or a user: fine
    } catch (RuntimeException e) {
      instance.detach();
      BackendException failure = EngineFailures.of(p.engine(), "starting container " + spec.id().qualified(), e);
      try {
        p.engine().client().removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException leftOver) {
        throw new BackendException(failure.getMessage() + "; the container " + spec.id().qualified()
            + " was left created", "docker rm -f " + spec.id().qualified(), failure.retryable(), e);
      }
      throw failure;
    }
  }

  @Override
  public Optional<Running> recover(Handle handle, InstanceSpec spec, LogSink logs) {
    String id = handle.get(DockerInstance.HANDLE_ID);
    if (!"docker".equals(handle.backend()) || id == null) {
      return Optional.empty();
    }
    try {
      Parts p = parts();
      InspectContainerResponse c = p.engine().client().inspectContainerCmd(id).exec();
      if (!("/" + spec.id().qualified()).equals(c.getName()) || !owned(c, spec)) {
        return Optional.empty(); // the id names something else now
      }
      DockerInstance instance = new DockerInstance(p.engine(), p.events(), p.executor(), spec, c.getId(),
          StackNetwork.name(spec.id().stack()), logs);
      instance.watch();
      Instant saved = LogFollower.savedCursor(spec.runDir());
      live.put(spec.id().qualified(), instance);
      instance.begin(saved != null ? saved : DockerInstance.instant(c.getState().getStartedAt()));
      return Optional.of(instance);
    } catch (NotFoundException gone) {
      return Optional.empty();
    } catch (BackendException | RuntimeException e) {
      // the engine is away: nothing can be re-attached now; the agent decides what to do
      return Optional.empty();
    }
  }

  @Override
  public void discard(InstanceSpec spec) throws BackendException {
    Parts p = parts();
    String name = spec.id().qualified();
    DockerInstance instance = live.remove(name);
    try {
      if (instance != null) {
        instance.detach();
        // the container this backend made or re-attached to (owner checked then): removed by its
        // id, without asking the engine about the name first; a newer container of that name is
        // not ours to remove
        removeById(p, instance.containerId());
      } else {
        remove(p, name, spec);
      }
    } catch (RuntimeException e) {
      throw EngineFailures.of(p.engine(), "removing container " + name, e);
    }
  }

  @Override
  public List<String> teardown(String stack, boolean volumes) throws BackendException {
    List<String> removed = parts().network().teardown(stack, volumes);
    images.keySet().removeIf(key -> key.startsWith(stack + "/"));
    return removed;
  }

  /** Removes the container {@code name} if it is this stack's; a stranger's is refused. */
  private void remove(Parts p, String name, InstanceSpec spec) throws BackendException {
    try {
      InspectContainerResponse c = p.engine().client().inspectContainerCmd(name).exec();
      if (!owned(c, spec)) {
        throw new BackendException("a container named " + name + " exists and does not belong to stack "
            + spec.id().stack(), "remove or rename it (docker rm -f " + name + ")", false);
      }
      removeById(p, c.getId());
    } catch (NotFoundException gone) {
      // nothing to remove
    }
  }

  private static void removeById(Parts p, String id) {
    try {
      p.engine().client().removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException gone) {
      // removed meanwhile
    }
  }

  private static boolean owned(InspectContainerResponse c, InstanceSpec spec) {
    Map<String, String> labels = c.getConfig() == null ? null : c.getConfig().getLabels();
    return labels != null && spec.id().stack().equals(labels.get(Labels.STACK))
        && spec.id().service().equals(labels.get(Labels.SERVICE));
  }

  private static boolean sameDefinition(InspectContainerResponse c, InstanceSpec spec) {
    String hash = c.getConfig().getLabels().get(Labels.SPEC_HASH);
    return spec.specHash() != null && spec.specHash().equals(hash);
  }

  /**
   * The image of the service of {@code spec}: built from {@code build:}, else {@code image:},
   * present locally. {@code fresh} looks again (prepare: the context or the engine's images may
   * have changed since); else the image {@code prepare} found is taken. Replicas preparing in
   * parallel build once.
   */
  private String imageOf(InstanceSpec spec, Consumer<String> progress, Parts p, boolean fresh)
      throws BackendException {
    Service service = spec.service();
    String key = spec.id().stack() + "/" + service.name();
    // a built image is the service's own; a named one is looked at once for all services naming it
    String lookKey = service.build() == null && service.image() != null ? "image " + service.image() : key;
    long asked = System.nanoTime();
    String known = images.get(key);
    if (known != null && !fresh) {
      return known;
    }
    synchronized (buildLocks.computeIfAbsent(lookKey, k -> new Object())) {
      Long checked = checkedAt.get(lookKey);
      known = lookKey.equals(key) ? images.get(key) : service.image();
      if (known != null && checked != null && checked - asked > 0) {
        images.put(key, known);
        return known; // another replica or service looked while this one waited
      }
      String image;
      if (service.build() != null) {
        image = new ImageBuilder(p.engine()).build(buildRequest(spec.id().stack(), service), progress);
      } else if (service.image() != null) {
        new LocalImages(p.engine()).require(service.image(), progress);
        image = service.image();
      } else {
        throw new BackendException("services." + service.name() + ": the docker backend needs an image: or a build:",
            "add image: NAME:TAG, or build: ./folder with a Dockerfile", false);
      }
      images.put(key, image);
      checkedAt.put(lookKey, System.nanoTime());
      return image;
    }
  }

  private ImageBuildRequest buildRequest(String stack, Service service) throws BackendException {
    Build build = service.build();
    if (build.target() != null) {
      throw new BackendException("services." + service.name() + ".build.target: building a stage is not supported yet",
          "remove target, or build the image yourself and name it in image:", false);
    }
    return new ImageBuildRequest((stack + "-" + service.name()).toLowerCase(Locale.ROOT), Path.of(build.context()),
        Path.of(build.dockerfile()), build.args(), Labels.forStack(stack, extraLabels));
  }

  @Override
  public void close() {
    Parts p = parts;
    if (p == null) {
      return;
    }
    live.values().forEach(DockerInstance::detach);
    live.clear();
    p.events().close();
    p.executor().shutdownNow();
    try {
      p.engine().close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, "docker-backend-" + n.incrementAndGet(), 256 * 1024);
      t.setDaemon(true);
      return t;
    };
  }
}
