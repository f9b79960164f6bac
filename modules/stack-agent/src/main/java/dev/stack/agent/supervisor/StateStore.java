package dev.stack.agent.supervisor;

import dev.stack.core.json.Json;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Stream;

/**
 * Persists each stack's state to {@code state/<stack>.json} (mode 0600): how it was loaded and,
 * per instance, its backend handle (pid + start time, or container id), definition hash, state and
 * restart count, so a new agent re-adopts what runs. Writes are atomic (temp file, fsync, rename)
 * and coalesced on one thread, off the restart path: a crash restart never waits for the disk.
 */
final class StateStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  private final Path dir;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(null, r, "state-writer", 256 * 1024);
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
  private volatile boolean frozen;

  StateStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Keeps what is saved as it is from now on: for a shutdown, whose stops must not be remembered
   * as stopped on purpose (the next {@code resurrect} brings back what ran). Each of {@code runs}
   * is saved as it is now, left to {@code resurrect}: an agent started again in the same boot
   * re-adopts none of its native instances (their restart policies would bring back some and not
   * others), as after a reboot. Returns once everything is written.
   */
  void freeze(Collection<StackRun> runs) {
    frozen = true;
    List<Map<String, Object>> halted = new ArrayList<>();
    for (StackRun run : runs) {
      run.rebooted(true);
      halted.add(snapshot(run));
    }
    try {
      writer.submit(() -> halted.forEach(m -> write(String.valueOf(m.get("name")), m)))
          .get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("state writes still pending at a shutdown: {}", e.toString());
    }
  }

  /** Schedules a save of {@code run}; several changes in a row give one write. Nothing once frozen. */
  void save(StackRun run) {
    if (frozen) {
      return;
    }
    if (pending.putIfAbsent(run.name(), Boolean.TRUE) == null) {
      writer.execute(() -> {
        pending.remove(run.name());
        write(run.name(), snapshot(run));
      });
    }
  }

  /** Removes a stack's state (after {@code down}). */
  void forget(String stack) {
    writer.execute(() -> {
      try {
        Files.deleteIfExists(dir.resolve(stack + ".json"));
      } catch (IOException e) {
        LOG.warn("cannot remove state of " + stack + ": " + e.getMessage());
      }
    });
  }

  /** Every saved stack state. */
  List<Map<String, Object>> loadAll() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
        try {
          out.add(Json.parseObject(Files.readString(f)));
        } catch (IOException | RuntimeException e) {
          LOG.warn("ignoring unreadable state file " + f + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list " + dir + ": " + e.getMessage());
    }
    return out;
  }

  static Map<String, Object> snapshot(StackRun run) {
    Map<String, Object> m = new LinkedHashMap<>();
    StackRequest r = run.request();
    m.put("name", run.name());
    m.put("boot_id", BootId.current());
    if (run.wasRebooted()) {
      m.put("resurrect", true); // left to resurrect (a reboot, or a shutdown's 'daemon stop --services')
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("file", r.file());
    req.put("source", r.source());
    req.put("profile", r.profile());
    req.put("sets", r.sets());
    req.put("env", r.env());
    m.put("request", req);
    List<Object> instances = new ArrayList<>();
    for (InstanceSupervisor s : run.instances()) {
      InstanceSpec spec = s.spec();
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("instance", s.id().displayName());
      i.put("service", s.id().service());
      i.put("index", s.id().index());
      i.put("backend", spec.service().backend());
      i.put("spec_hash", spec.specHash());
      i.put("definition", spec.definition());
      i.put("state", s.state().word());
      i.put("restarts", s.restarts());
      if (s.logMatched()) {
        i.put("log_matched", true);
      }
      Instant since = s.startedAt();
      i.put("started_at", since == null ? null : since.toEpochMilli());
      ExitStatus exit = s.lastExit();
      i.put("last_exit", exit == null ? null : exit.describe());
      Handle h = s.handle();
      if (h != null) {
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("backend", h.backend());
        hm.put("fields", h.fields());
        i.put("handle", hm);
      }
      instances.add(i);
    }
    m.put("instances", instances);
    return m;
  }

  private void write(String stack, Map<String, Object> state) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + stack + ".json.tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(Json.writePretty(state).getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(stack + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot save state of " + stack + ": " + e.getMessage());
    }
  }

  /** Waits for pending writes. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
