package dev.stack.core.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.supervise.RestartTracker.Complete;
import dev.stack.core.supervise.RestartTracker.Exit;
import dev.stack.core.supervise.RestartTracker.GiveUp;
import dev.stack.core.supervise.RestartTracker.Restart;
import dev.stack.model.RestartPolicy;
import dev.stack.model.RestartPolicy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartTrackerTest {

  private static final ExitStatus CRASH = new ExitStatus(1, null, Instant.EPOCH, null);
  private static final ExitStatus OK = new ExitStatus(0, null, Instant.EPOCH, null);
  private static final ExitStatus UNKNOWN = new ExitStatus(null, null, Instant.EPOCH, "re-adopted");
  private static final Duration SHORT = Duration.ofMillis(10);
  private static final Duration LONG = Duration.ofSeconds(5);

  private static RestartPolicy policy(Policy p, int max) {
    return new RestartPolicy(p, max, Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofSeconds(1), null);
  }

  @Test
  void crashLoopBacksOffDoublingToTheCapThenGivesUpAfterMaxRestarts() {
    RestartTracker t = new RestartTracker(policy(Policy.ON_FAILURE, 5));
    List<Long> delays = new ArrayList<>();
    RestartTracker.Decision d;
    while ((d = t.onExit(CRASH, SHORT)) instanceof Restart r) {
      delays.add(r.delay().toMillis());
    }
    assertEquals(List.of(100L, 200L, 400L, 700L, 700L), delays);
    assertEquals(new GiveUp(5), d);
    assertEquals(5, t.restarts());
  }

  @Test
  void aStableRunRestartsAtOnceAndResetsTheStreakAndBackoff() {
    RestartTracker t = new RestartTracker(policy(Policy.ON_FAILURE, 2));
    assertEquals(new Restart(Duration.ofMillis(100), 1), t.onExit(CRASH, SHORT));
    assertEquals(new Restart(Duration.ofMillis(200), 2), t.onExit(CRASH, SHORT));
    assertEquals(new Restart(Duration.ZERO, 3), t.onExit(CRASH, LONG));
    assertEquals(0, t.unstableRestarts());
    assertEquals(new Restart(Duration.ofMillis(100), 4), t.onExit(CRASH, SHORT));
    assertEquals(new Restart(Duration.ofMillis(200), 5), t.onExit(CRASH, SHORT));
    assertInstanceOf(GiveUp.class, t.onExit(CRASH, SHORT));
  }

  @Test
  void onFailureCompletesOnExitZeroAndRestartsUnknownExits() {
    assertEquals(new Complete(), new RestartTracker(policy(Policy.ON_FAILURE, 3)).onExit(OK, SHORT));
    assertInstanceOf(Restart.class, new RestartTracker(policy(Policy.ON_FAILURE, 3)).onExit(UNKNOWN, LONG));
  }

  @Test
  void alwaysRestartsEvenAfterSuccess() {
    assertEquals(new Restart(Duration.ZERO, 1), new RestartTracker(policy(Policy.ALWAYS, 3)).onExit(OK, LONG));
  }

  @Test
  void noNeverRestarts() {
    RestartTracker t = new RestartTracker(policy(Policy.NO, 3));
    assertEquals(new Exit(), t.onExit(CRASH, LONG));
    assertEquals(new Complete(), t.onExit(OK, SHORT));
    assertEquals(0, t.restarts());
  }

  @Test
  void zeroMaxRestartsGivesUpOnTheFirstUnstableCrash() {
    assertEquals(new GiveUp(0), new RestartTracker(policy(Policy.ALWAYS, 0)).onExit(CRASH, SHORT));
  }
}
