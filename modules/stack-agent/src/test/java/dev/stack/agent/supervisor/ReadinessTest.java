package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private static Readiness of(State state, HealthState health, String probe) {
    return new Readiness(state, health, null, null, 1, probe);
  }

  @Test
  void anOnlineInstanceHasStartedAndIsHealthyOnlyOnceItsProbeSaysSo() {
    assertNull(of(State.ONLINE, HealthState.STARTING, "no probe has run").verdict(Condition.STARTED));
    assertEquals("", of(State.ONLINE, HealthState.STARTING, "no probe has run").verdict(Condition.HEALTHY));
    assertNull(of(State.ONLINE, HealthState.HEALTHY, "HTTP 200").verdict(Condition.HEALTHY));
    assertNull(of(State.ONLINE, HealthState.NONE, null).verdict(Condition.HEALTHY), "no check: online is healthy");
    assertEquals("unhealthy: HTTP 503", of(State.ONLINE, HealthState.UNHEALTHY, "HTTP 503").verdict(Condition.HEALTHY));
    assertEquals("", of(State.ONLINE, HealthState.NONE, null).verdict(Condition.COMPLETED));
    assertNull(of(State.COMPLETED, HealthState.NONE, null).verdict(Condition.COMPLETED));
  }

  @Test
  void aRestartingInstanceHasStartedButIsNotHealthyYet() {
    assertNull(of(State.RESTARTING, HealthState.NONE, null).verdict(Condition.STARTED));
    assertEquals("", of(State.RESTARTING, HealthState.STARTING, "exit 1").verdict(Condition.HEALTHY));
    assertEquals("", of(State.STARTING, HealthState.NONE, null).verdict(Condition.STARTED));
  }

  @Test
  void anEndedInstanceSaysWhyItNeverWill() {
    assertEquals("was stopped", of(State.STOPPED, HealthState.NONE, null).verdict(Condition.STARTED));
    ExitStatus exit = new ExitStatus(3, null, Instant.EPOCH, null);
    assertEquals("exited (exit 3)", new Readiness(State.EXITED, HealthState.NONE, null, exit, 1, null)
        .verdict(Condition.STARTED));
    assertEquals("could not start: no such file", new Readiness(State.EXITED, HealthState.NONE,
        "could not start: no such file", exit, 1, null).verdict(Condition.STARTED));
    assertEquals("errored: crashed 16 times in a row (last: exit 3)",
        new Readiness(State.ERRORED, HealthState.NONE, null, exit, 16, null).verdict(Condition.HEALTHY));
  }

  @Test
  void aTimeOutSaysWhatTheInstanceWasDoing() {
    assertEquals("did not start in time (starting)", of(State.STARTING, HealthState.NONE, null).timedOut(Condition.STARTED));
    assertEquals("not healthy in time (connection refused)",
        of(State.ONLINE, HealthState.STARTING, "connection refused").timedOut(Condition.HEALTHY));
    assertEquals("not healthy in time (no probe)", of(State.ONLINE, HealthState.STARTING, null).timedOut(Condition.HEALTHY));
    assertEquals("did not complete in time (online)", of(State.ONLINE, HealthState.NONE, null).timedOut(Condition.COMPLETED));
  }
}
