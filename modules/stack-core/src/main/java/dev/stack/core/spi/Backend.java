package dev.stack.core.spi;

import java.util.Optional;

/**
 * A way to run service instances, shaped like Nomad's task drivers: start, recover after an agent
 * restart, and declared {@link Capabilities}. Implementations are found with
 * {@link java.util.ServiceLoader}; a backend must be cheap to construct (no engine connection in
 * the constructor) so that listing backends costs nothing.
 */
public interface Backend extends AutoCloseable {

  /** {@code native}, {@code docker}. */
  String name();

  /** What this backend honours on this host. */
  Capabilities capabilities();

  /**
   * Starts one instance; its output goes to {@code logs}. Returns once the process or container
   * runs (not once it is healthy).
   */
  Running start(InstanceSpec spec, LogSink logs) throws BackendException;

  /**
   * Re-attaches to an instance started earlier (by this agent or a previous one), or returns empty
   * when it is gone or the handle no longer names the same thing (a reused pid).
   */
  Optional<Running> recover(Handle handle, InstanceSpec spec, LogSink logs);

  /** Releases connections and threads. */
  @Override
  default void close() {}
}
