package dev.stack.nativ;

import java.nio.file.Path;
import java.util.List;

/**
 * Keeps a service's output FIFOs open read-write outside the supervisor, so that what a service
 * wrote while no supervisor reads stays in the pipe (and the pipe itself stays alive after the
 * service exits) until the next reader takes it. The agent's watchdog process implements this;
 * while any holder has a FIFO open, its reader sees no end of stream, so the backend releases a
 * FIFO once its instance has ended.
 */
public interface FifoHolder {

  /** Holds nothing: output survives only while the service or a reader has the FIFO open. */
  FifoHolder NONE = new FifoHolder() {
    @Override
    public void hold(Path fifo) {}

    @Override
    public void release(Path fifo) {}
  };

  /** Opens {@code fifo} read-write and keeps it open until {@link #release}. */
  void hold(Path fifo);

  /** Closes what {@link #hold} opened; nothing when it holds nothing for that path. */
  void release(Path fifo);

  /** A hold ({@code hold} true) or a release of one FIFO. */
  record Change(Path fifo, boolean hold) {}

  /**
   * Makes {@code changes} in their order. This one makes them one by one; a holder that can tell
   * many at once (one message to the watchdog for a burst of starts) does so.
   *
   * @throws RuntimeException after making all the others, the first change's failure
   */
  default void apply(List<Change> changes) {
    RuntimeException first = null;
    for (Change c : changes) {
      try {
        if (c.hold()) {
          hold(c.fifo());
        } else {
          release(c.fifo());
        }
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
