package dev.stack.core.spi;

import java.util.List;
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
   * Gets an instance ready to start, before its dependencies are even waited for: builds or
   * checks its image, creates the stack's network. Progress lines go to {@code progress}. Failing
   * here (a missing image) fails {@code up} before anything else changes.
   */
  default void prepare(InstanceSpec spec, java.util.function.Consumer<String> progress) throws BackendException {}

  /**
   * {@code up --build}: builds what the instance's definition builds (an image from
   * {@code build:}), even when its instance runs and would be kept. Progress lines go to
   * {@code progress}. Nothing to build here: nothing done.
   */
  default void build(InstanceSpec spec, java.util.function.Consumer<String> progress) throws BackendException {}

  /**
   * {@code up --build}: why the existing instance of {@code spec} runs something older than its
   * definition makes now (a container of an earlier build of {@code build:}'s context), e.g.
   * {@code image shop-web:1a2b => shop-web:3c4d}; empty when it runs the current build, when there
   * is no instance, or when nothing is built. Looks only: builds nothing.
   */
  default Optional<String> outdated(InstanceSpec spec) throws BackendException {
    return Optional.empty();
  }

  /**
   * Starts one instance; its output goes to {@code logs}. Returns once the process or container
   * runs (not once it is healthy). A stopped instance of the same definition may be started again
   * (a stopped container is reused); a different one is replaced.
   */
  Running start(InstanceSpec spec, LogSink logs) throws BackendException;

  /**
   * {@code stack exec} here: runs a command inside a running instance, attached to the given
   * streams (raw bytes both ways; with a terminal when asked), and returns its exit code once it
   * ends. A backend whose instances are plain processes has nothing to enter: the CLI runs the
   * command itself with the instance's environment and folder.
   */
  default int exec(ExecRequest request, java.io.InputStream in, java.io.OutputStream out, java.io.OutputStream err)
      throws BackendException {
    throw new BackendException("exec is not supported by the " + name() + " backend", null, false);
  }

  /**
   * Re-attaches to an instance started earlier (by this agent or a previous one), or returns empty
   * when it is gone or the handle no longer names the same thing (a reused pid).
   */
  Optional<Running> recover(Handle handle, InstanceSpec spec, LogSink logs);

  /**
   * Removes what a stopped instance left behind (its container, its run files), when the instance
   * leaves the stack: {@code down}, a removed service, the old side of a recreate.
   */
  default void discard(InstanceSpec spec) throws BackendException {}

  /**
   * Removes what {@link #prepare} made for a stack once its last instance is gone ({@code down}):
   * the network; named volumes only when {@code volumes} is set. Found by the stack's name alone,
   * so it may be called for a stack this backend holds nothing of (then it removes nothing).
   *
   * @return what it removed, one phrase each for the user ({@code network stack-shop},
   *     {@code volume shop_data}); empty when nothing was there
   */
  default List<String> teardown(String stack, boolean volumes) throws BackendException {
    return List.of();
  }

  /** Releases connections and threads. */
  @Override
  default void close() {}
}
