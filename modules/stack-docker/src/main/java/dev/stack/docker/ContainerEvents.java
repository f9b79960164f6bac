package dev.stack.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's event stream, one for all containers of a backend: who died, started or was
 * removed. Watchers are told on an executor, never on the stream's thread, so one slow watcher
 * cannot hold up the others. When the stream breaks (the engine restarted) it is opened again and
 * every watcher is asked to look at its container afresh, since events may have been missed.
 */
final class ContainerEvents implements AutoCloseable {

  /** What a watcher of one container is told. */
  interface Watcher {
    /**
     * The container's main process ended; the engine may restart it.
     *
     * @param exitCode its exit code as the event tells it, or null
     * @param at when it ended
     */
    void died(Integer exitCode, java.time.Instant at);

    /** The container (re)started. */
    void started();

    /** The container was removed. */
    void destroyed();

    /** Events may have been missed: look at the container again. */
    void resync();
  }

  private static final long RECONNECT_MS = 1000;

  private final DockerEngine engine;
  private final Executor executor;
  private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();
  private Stream stream;
  private boolean closed;

  ContainerEvents(DockerEngine engine, Executor executor) {
    this.engine = engine;
    this.executor = executor;
  }

  /**
   * Watches {@code containerId}; returns once the stream runs, so no event after this call is
   * missed. Call it before starting the container.
   */
  void watch(String containerId, Watcher watcher) throws BackendException {
    watchers.put(containerId, watcher);
    try {
      ensureStream();
    } catch (BackendException e) {
      watchers.remove(containerId, watcher);
      throw e;
    }
  }

  /** Opens the stream now (if it is not open), so that a later {@link #watch} cannot fail. */
  void open() throws BackendException {
    ensureStream();
  }

  /** Stops telling {@code watcher}; a newer watcher of the same container (its next run) stays. */
  void unwatch(String containerId, Watcher watcher) {
    watchers.remove(containerId, watcher);
  }

  private synchronized void ensureStream() throws BackendException {
    if (closed || (stream != null && !stream.ended)) {
      return;
    }
    Stream s = new Stream();
    try {
      engine.streaming().eventsCmd()
          .withEventTypeFilter(EventType.CONTAINER)
          .withEventFilter("die", "start", "destroy")
          .withLabelFilter(Labels.STACK)
          .exec(s);
      if (!s.awaitStarted(DockerEngine.CONNECT_TIMEOUT.toMillis() * 5, TimeUnit.MILLISECONDS)) {
        s.close();
        throw new BackendException("the Docker engine did not open its event stream within "
            + DockerEngine.CONNECT_TIMEOUT.toSeconds() * 5 + " s", null, true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while opening the engine's event stream", null, true, e);
    } catch (IOException e) {
      throw new BackendException("cannot open the engine's event stream: " + e.getMessage(), null, true, e);
    } catch (RuntimeException e) {
      throw EngineUnreachable.ifConnectionFailure(engine.host(), e);
    }
    stream = s;
  }

  private void streamEnded(Stream s) {
    synchronized (this) {
      if (closed || stream != s) {
        return;
      }
    }
    Thread reconnect = new Thread(() -> {
      while (!watchers.isEmpty()) {
        try {
          Thread.sleep(RECONNECT_MS);
          ensureStream();
          watchers.values().forEach(w -> executor.execute(w::resync));
          return;
        } catch (BackendException e) {
          // the engine is still away: try again
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "docker-events-reconnect");
    reconnect.setDaemon(true);
    reconnect.start();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private final class Stream extends ResultCallback.Adapter<Event> {
    private volatile boolean ended;

    @Override
    public void onNext(Event event) {
      Watcher w = event.getId() == null ? null : watchers.get(event.getId());
      if (w == null) {
        return;
      }
      String action = event.getAction() != null ? event.getAction() : event.getStatus();
      if ("die".equals(action)) {
        Integer code = exitCode(event);
        java.time.Instant at = event.getTimeNano() != null ? java.time.Instant.EPOCH.plusNanos(event.getTimeNano())
            : event.getTime() != null ? java.time.Instant.ofEpochSecond(event.getTime()) : java.time.Instant.now();
        executor.execute(() -> w.died(code, at));
      } else if ("start".equals(action)) {
        executor.execute(w::started);
      } else if ("destroy".equals(action)) {
        executor.execute(w::destroyed);
      }
    }

    private static Integer exitCode(Event event) {
      String code = event.getActor() == null || event.getActor().getAttributes() == null ? null
          : event.getActor().getAttributes().get("exitCode");
      try {
        return code == null ? null : Integer.valueOf(code);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    public void onError(Throwable throwable) {
      ended = true;
      streamEnded(this);
      super.onError(throwable);
    }

    @Override
    public void onComplete() {
      ended = true;
      streamEnded(this);
      super.onComplete();
    }
  }
}
