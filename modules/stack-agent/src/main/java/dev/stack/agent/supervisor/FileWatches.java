package dev.stack.agent.supervisor;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.stack.model.Watch;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files services watch ({@code watch:}, PM2's watch), on one watch service (inotify on Linux)
 * made at the first watch: an agent without a watched service has no thread and no descriptor for
 * it. Folders are registered with everything under them, new ones as they appear; an ignored name
 * is neither registered nor reacted to. A change calls the watch's listener once, {@code delay}
 * after the first change; changes meanwhile join that call.
 */
final class FileWatches implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FileWatches.class);

  private final ScheduledExecutorService timer;
  private final List<Path> never;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final Map<WatchKey, Path> folders = new HashMap<>();
  private final Map<WatchKey, Set<Subscription>> watchers = new HashMap<>();
  private WatchService service;

  /**
   * @param never folders never watched, wherever a watch names: the agent's own (its logs change
   *     with every line a service writes, so a stack file's folder holding the agent's home would
   *     restart its services for ever)
   */
  FileWatches(ScheduledExecutorService timer, List<Path> never) {
    this.timer = timer;
    this.never = never.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /**
   * Watches what {@code watch} names under {@code key} ({@code stack/service}); the listener gets
   * the first changed path, relative to {@code base} when under it. A watch already there with
   * the same definition is kept as it is.
   *
   * @return how many folders are watched for it, or -1 when it was there already
   * @throws IOException when a folder cannot be watched (the system's limit of watches): nothing
   *     of this watch is left
   */
  synchronized int watch(String key, Watch watch, Path base, Consumer<String> listener) throws IOException {
    Subscription old = subscriptions.get(key);
    if (old != null && old.watch.equals(watch) && old.base.equals(base)) {
      return -1;
    }
    unwatch(key);
    if (service == null) {
      service = FileSystems.getDefault().newWatchService();
      Thread t = new Thread(this::loop, "file-watches");
      t.setDaemon(true);
      t.start();
    }
    Subscription s = new Subscription(watch, base, listener);
    try {
      for (Path root : s.roots) {
        register(Files.isDirectory(root) ? root : root.getParent(), s, Files.isDirectory(root));
      }
    } catch (IOException | RuntimeException e) {
      drop(s);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    subscriptions.put(key, s);
    return s.keys.size();
  }

  /** Stops watching for {@code key}; nothing when it had no watch. */
  synchronized void unwatch(String key) {
    Subscription s = subscriptions.remove(key);
    if (s != null) {
      drop(s);
    }
  }

  /** Stops every watch whose key {@code which} accepts. */
  synchronized void unwatchAll(Predicate<String> which) {
    new ArrayList<>(subscriptions.keySet()).stream().filter(which).forEach(this::unwatch);
  }

  /** The keys watched now. */
  synchronized Set<String> keys() {
    return new LinkedHashSet<>(subscriptions.keySet());
  }

  @Override
  public synchronized void close() {
    subscriptions.values().forEach(s -> s.cancelPending());
    subscriptions.clear();
    folders.clear();
    watchers.clear();
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        log.debug("closing the watch service", e);
      }
      service = null;
    }
  }

  /** {@code folder}, and with {@code tree} every folder under it that is not ignored. */
  private void register(Path folder, Subscription s, boolean tree) throws IOException {
    if (!tree) {
      add(folder, s);
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (excluded(dir) || !dir.equals(folder) && s.ignored(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        add(dir, s);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // gone meanwhile, or not readable: nothing to watch there
      }
    });
  }

  private boolean excluded(Path p) {
    return never.stream().anyMatch(p::startsWith);
  }

  private void add(Path folder, Subscription s) throws IOException {
    // the same folder registered again gives the same key: several watches may share it
    WatchKey key = folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    folders.put(key, folder);
    watchers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(s);
    s.keys.add(key);
  }

  private void drop(Subscription s) {
    s.cancelPending();
    for (WatchKey key : s.keys) {
      Set<Subscription> on = watchers.get(key);
      if (on != null) {
        on.remove(s);
        if (on.isEmpty()) {
          watchers.remove(key);
          folders.remove(key);
          key.cancel();
        }
      }
    }
    s.keys.clear();
  }

  private void loop() {
    WatchService ws;
    synchronized (this) {
      ws = service;
    }
    while (true) {
      WatchKey key;
      try {
        key = ws.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      List<WatchEvent<?>> events = key.pollEvents();
      synchronized (this) {
        Path folder = folders.get(key);
        Set<Subscription> on = watchers.get(key);
        if (folder != null && on != null) {
          for (WatchEvent<?> e : events) {
            for (Subscription s : new ArrayList<>(on)) {
              if (e.kind() == OVERFLOW) {
                s.changed(folder); // too many at once to tell which: the folder changed
                continue;
              }
              Path child = folder.resolve((Path) e.context());
              if (excluded(child) || !s.covers(child) || s.ignored(child)) {
                continue;
              }
              if (e.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                  register(child, s, true);
                } catch (IOException | RuntimeException failed) {
                  log.warn("cannot watch {}: {}", child, failed.getMessage());
                }
              }
              s.changed(child);
            }
          }
        }
        if (!key.reset()) { // the folder is gone
          Set<Subscription> gone = watchers.remove(key);
          folders.remove(key);
          if (gone != null) {
            gone.forEach(s -> s.keys.remove(key));
          }
        }
      }
    }
  }

  /** One service's watch. Guarded by the enclosing instance. */
  private final class Subscription {
    final Watch watch;
    final Path base;
    final Consumer<String> listener;
    final List<Path> roots = new ArrayList<>();
    final List<PathMatcher> ignore = new ArrayList<>();
    final Set<WatchKey> keys = new LinkedHashSet<>();
    ScheduledFuture<?> pending;
    String first;

    Subscription(Watch watch, Path base, Consumer<String> listener) {
      this.watch = watch;
      this.base = base;
      this.listener = listener;
      watch.paths().forEach(p -> roots.add(Path.of(p).toAbsolutePath().normalize()));
      watch.ignore().forEach(g -> ignore.add(FileSystems.getDefault().getPathMatcher("glob:" + g)));
    }

    /** Whether {@code p} is a watched file, or under a watched folder. */
    boolean covers(Path p) {
      return roots.stream().anyMatch(r -> p.equals(r) || p.startsWith(r) && Files.isDirectory(r));
    }

    /**
     * Whether {@code p}, under a watched folder, is ignored: a pattern matches one of its names
     * below the root, or its path relative to the root. A root itself is never ignored (a
     * {@code .env} named in {@code paths} is watched).
     */
    boolean ignored(Path p) {
      for (Path r : roots) {
        if (!p.startsWith(r) || p.equals(r)) {
          continue;
        }
        Path rel = r.relativize(p);
        for (PathMatcher m : ignore) {
          if (m.matches(rel)) {
            return true;
          }
          for (Path name : rel) {
            if (m.matches(name)) {
              return true;
            }
          }
        }
        return false;
      }
      return false;
    }

    void changed(Path p) {
      if (pending != null) {
        return;
      }
      first = p.startsWith(base) && !p.equals(base) ? base.relativize(p).toString() : p.toString();
      pending = timer.schedule(this::fire, watch.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire() {
      String what;
      synchronized (FileWatches.this) {
        if (pending == null) {
          return; // unwatched meanwhile
        }
        pending = null;
        what = first;
      }
      listener.accept(what);
    }

    void cancelPending() {
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }
  }
}
