package dev.stack.agent.supervisor;

import dev.stack.agent.daemon.RequestException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Passes a {@code down}'s events on and counts the failures among them: {@code down} does all it
 * can, one failure does not hold the rest back, and then it exits non-zero if any step failed (as
 * {@code docker compose down} does), so that a script does not take a stack that may have left a
 * container, a network or a volume behind for gone.
 */
final class DownFailures implements Consumer<Map<String, Object>> {

  private final Consumer<Map<String, Object>> events;
  private int count;

  DownFailures(Consumer<Map<String, Object>> events) {
    this.events = events;
  }

  @Override
  public synchronized void accept(Map<String, Object> event) {
    if ("failed".equals(event.get("status"))) {
      count++;
    }
    events.accept(event);
  }

  /** Throws, exit code 1, if a step failed. */
  synchronized void throwIfAny() throws RequestException {
    if (count > 0) {
      throw new RequestException("down did not finish: " + count + (count == 1 ? " step" : " steps")
          + " failed (above), and what it was to remove may be left behind",
          "fix the cause (is the engine running?) and run 'stack down' again: it removes the stack's network,"
              + " and with --volumes its volumes", 1);
    }
  }
}
