package dev.stack.nativ;

import java.nio.file.Path;

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
}
