package dev.stack.nativ;

import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Running;
import dev.stack.model.StopSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Instances a test started, killed at its end if still running: tests leave no process behind. */
final class Started {

  private final List<Running> all = new ArrayList<>();

  <R extends Running> R add(R running) {
    all.add(running);
    return running;
  }

  void killAll() throws BackendException {
    for (Running r : all) {
      if (!r.exit().isDone()) {
        r.stop(new StopSpec("KILL", Duration.ZERO));
      }
    }
  }
}
