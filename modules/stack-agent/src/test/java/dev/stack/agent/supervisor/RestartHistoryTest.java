package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.supervise.RestartTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartHistoryTest {

  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void eachEndSaysHowTheRunEndedAndWhatFollowed() {
    RestartHistory h = new RestartHistory();
    h.ended(new ExitStatus(1, null, AT, null), Duration.ofSeconds(3), new RestartTracker.Restart(Duration.ZERO, 1));
    h.ended(new ExitStatus(null, "KILL", AT, null), Duration.ofMillis(20),
        new RestartTracker.Restart(Duration.ofMillis(1500), 2));
    h.ended(new ExitStatus(2, null, AT, null), Duration.ZERO, new RestartTracker.GiveUp(15));
    h.ended(new ExitStatus(0, null, AT, null), Duration.ofSeconds(1), new RestartTracker.Complete());
    h.ended(new ExitStatus(3, null, AT, "max_memory 64m exceeded: 70m"), Duration.ofSeconds(1), new RestartTracker.Exit());
    assertEquals(List.of(
        new RestartRecord(AT, "exit 1", 3000, "restarted"),
        new RestartRecord(AT, "killed by KILL", 20, "restart in 1500ms"),
        new RestartRecord(AT, "exit 2", 0, "errored after 15 unstable restarts"),
        new RestartRecord(AT, "exit 0", 1000, "completed"),
        new RestartRecord(AT, "exit 3 (max_memory 64m exceeded: 70m)", 1000, "exited")), h.list());
  }

  @Test
  void keepsTheLast50OldestFirst() {
    RestartHistory h = new RestartHistory();
    for (int i = 0; i < 60; i++) {
      h.add(new RestartRecord(AT.plusSeconds(i), "exit " + i, i, "restarted"));
    }
    List<RestartRecord> kept = h.list();
    assertEquals(RestartHistory.SIZE, kept.size());
    assertEquals("exit 10", kept.get(0).exit());
    assertEquals("exit 59", kept.get(49).exit());
  }
}
