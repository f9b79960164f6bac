package dev.stack.core.spi;

import dev.stack.model.StopSpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An instance a backend started or re-attached to. */
public interface Running {

  /** What to persist to re-attach later. */
  Handle handle();

  /** The main process id on the host, or -1 when the backend does not expose one. */
  long pid();

  /** A short id users see: the pid on native, the short container id on docker. */
  String displayId();

  /** Completes once when the instance has ended (never exceptionally). */
  CompletableFuture<ExitStatus> exit();

  /** Sends a signal (a name without SIG) to every process of the instance. */
  void signal(String signal) throws BackendException;

  /**
   * Stops the instance: {@code stop.signal()} to every process of it, SIGKILL to whatever is left
   * after {@code stop.timeout()}, and waits until none is left. Returns how it ended.
   */
  ExitStatus stop(StopSpec stop) throws BackendException;

  /**
   * The host process ids of the whole instance, the main process first, for {@code describe}; empty
   * when not running, or when the backend's handle says it better (a container id).
   */
  default java.util.List<Long> processes() {
    return java.util.List.of();
  }

  /** CPU and memory of the whole instance, when it is running and the backend can measure. */
  Optional<Usage> usage();

  /**
   * The address the agent's health probes use to reach this instance from the host: 127.0.0.1 for
   * a native process, the container's address on its network for a container.
   */
  default String probeHost() {
    return "127.0.0.1";
  }

  /**
   * Runs a command where the service runs (on the host for native, inside the container on docker)
   * for an {@code exec} health probe; returns its exit code, or throws on timeout.
   */
  default int exec(java.util.List<String> argv, java.time.Duration timeout) throws BackendException {
    throw new BackendException("exec probes are not supported by this backend", null, false);
  }

  /**
   * Restarts the backend did by itself (Docker's restart policy), when it does them; the agent
   * counts its own restarts otherwise.
   */
  default java.util.OptionalInt backendRestarts() {
    return java.util.OptionalInt.empty();
  }

  /**
   * Registers who is told of each run the backend ended and started again by itself (Docker's
   * restart policy): how the run ended, and when the next one started. A backend that leaves
   * restarts to the agent never calls it; the agent learns of those runs from {@link #exit()}.
   */
  default void onBackendRestart(java.util.function.BiConsumer<ExitStatus, java.time.Instant> listener) {
  }

  /** Whether this instance's resource limits are enforced. */
  Capabilities.Enforcement enforcement();
}
