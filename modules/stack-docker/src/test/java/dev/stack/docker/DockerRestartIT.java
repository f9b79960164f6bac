package dev.stack.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Running;
import dev.stack.core.testing.RequiresDocker;
import dev.stack.model.RestartPolicy.Policy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kill -9 of a container's main process from the host, as in the Compose restart anchor. */
@RequiresDocker
class DockerRestartIT {

  @RegisterExtension
  final BackendFixture f = new BackendFixture();

  @ParameterizedTest
  @EnumSource(value = Policy.class, names = {"ALWAYS", "ON_FAILURE"})
  void theEngineRestartsAKilledContainerAndTheInstanceLivesOn(Policy policy) throws Exception {
    String stack = f.stack("k");
    TestServices s = TestServices.service("svc", "sh", "-c", "echo up; exec sleep 1000").restart(policy, 3);
    RecordingSink sink = new RecordingSink();
    f.backend.prepare(s.spec(stack), line -> { });
    Running r = f.backend.start(s.spec(stack), sink);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.texts().contains("up"));
    long pid = r.pid();
    assertTrue(pid > 0);
    assertEquals(0, r.backendRestarts().orElseThrow());

    kill9(pid);

    await().atMost(Duration.ofSeconds(10)).until(() -> r.backendRestarts().orElseThrow() == 1 && r.pid() > 0
        && r.pid() != pid);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.texts().stream().filter("up"::equals).count() == 2);
    assertFalse(r.exit().isDone(), "the engine restarted it: it has not ended");
  }

  @Test
  void eachRestartByTheEngineIsToldWithTheStartOfTheNewRunNotTheOneThatEnded() throws Exception {
    String stack = f.stack("t");
    TestServices s = TestServices.service("flaky", "sh", "-c", "echo up; sleep 1; exit 3").restart(Policy.ON_FAILURE, 2);
    f.backend.prepare(s.spec(stack), line -> { });
    Running r = f.backend.start(s.spec(stack), new RecordingSink());
    java.util.List<java.time.Instant[]> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    r.onBackendRestart((ended, next) -> told.add(new java.time.Instant[] {ended.at(), next}));
    ExitStatus last = r.exit().get(20, TimeUnit.SECONDS);
    assertEquals(3, last.code());
    assertEquals(2, told.size(), "two restarts by the engine");
    for (java.time.Instant[] t : told) {
      // the run that follows starts after the one that ended (a run's uptime counts from it)
      assertTrue(t[1].isAfter(t[0]), "next run started " + t[1] + ", previous ended " + t[0]);
    }
    assertTrue(Duration.between(told.get(0)[1], told.get(1)[0]).toMillis() >= 900,
        "the second run lasted its second: " + Duration.between(told.get(0)[1], told.get(1)[0]));
  }

  @Test
  void underPolicyNoTheKillEndsTheInstance() throws Exception {
    String stack = f.stack("n");
    TestServices s = TestServices.service("svc", "sleep", "1000").restart(Policy.NO, 0);
    f.backend.prepare(s.spec(stack), line -> { });
    Running r = f.backend.start(s.spec(stack), new RecordingSink());
    kill9(r.pid());
    ExitStatus exit = r.exit().get(10, TimeUnit.SECONDS);
    assertEquals(137, exit.code());
    assertEquals("KILL", exit.signal());
    assertEquals("killed by KILL", exit.describe());
  }

  @Test
  void aCleanExitUnderOnFailureEndsTheInstance() throws Exception {
    String stack = f.stack("c");
    TestServices s = TestServices.service("job", "sh", "-c", "echo done").restart(Policy.ON_FAILURE, 5);
    RecordingSink sink = new RecordingSink();
    f.backend.prepare(s.spec(stack), line -> { });
    Running r = f.backend.start(s.spec(stack), sink);
    ExitStatus exit = r.exit().get(10, TimeUnit.SECONDS);
    assertTrue(exit.success(), exit.describe());
    assertEquals(java.util.List.of("done"), sink.texts(), "the last lines arrive before the end is reported");
  }

  @Test
  void retriesUsedUpEndTheInstance() throws Exception {
    String stack = f.stack("e");
    TestServices s = TestServices.service("bad", "sh", "-c", "exit 3").restart(Policy.ON_FAILURE, 1);
    f.backend.prepare(s.spec(stack), line -> { });
    Running r = f.backend.start(s.spec(stack), new RecordingSink());
    ExitStatus exit = r.exit().get(15, TimeUnit.SECONDS);
    assertEquals(3, exit.code());
    assertEquals(1, r.backendRestarts().orElseThrow());
  }

  private static void kill9(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }
}
