package dev.stack.agent.supervisor;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.supervise.RestartTracker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How an instance's last runs ended and what followed each, oldest first, the last
 * {@value #SIZE} kept ({@code stack describe}). Not thread-safe: its supervisor's lock guards it.
 */
final class RestartHistory {

  static final int SIZE = 50;

  private final Deque<RestartRecord> records = new ArrayDeque<>();

  void add(RestartRecord r) {
    if (records.size() == SIZE) {
      records.removeFirst();
    }
    records.addLast(r);
  }

  /** A run ended with {@code exit} after {@code uptime}, and the restart policy decided {@code d}. */
  void ended(ExitStatus exit, Duration uptime, RestartTracker.Decision d) {
    String what;
    if (d instanceof RestartTracker.Restart r) {
      what = r.delay().isZero() ? "restarted" : "restart in " + dev.stack.model.Durations.format(r.delay());
    } else if (d instanceof RestartTracker.GiveUp g) {
      what = "errored after " + g.unstableRestarts() + " unstable restarts";
    } else {
      what = d instanceof RestartTracker.Complete ? "completed" : "exited";
    }
    add(new RestartRecord(exit.at(), exit.describe(), uptime.toMillis(), what));
  }

  List<RestartRecord> list() {
    return List.copyOf(records);
  }
}
