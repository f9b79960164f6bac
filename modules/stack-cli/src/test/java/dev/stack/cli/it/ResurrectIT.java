package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a reboot, {@code stack up} brings the stack back as it was: the same profile, services
 * stopped on purpose stay stopped, not a fresh run of the file. The reboot is simulated: every
 * process of ours ends (agent, watchdog, services) and the boot id changes (STACK_BOOT_ID).
 */
class ResurrectIT extends LiveStackTest {

  @Test
  void upAfterARebootRestoresTheProfileAndKeepsStoppedServicesStopped() throws Exception {
    stackFile("""
        name: phoenix
        services:
          keeper:
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
          resting:
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
        profiles:
          local: {backend: native}
        """);
    stack.env("STACK_BOOT_ID", "boot-1");
    stack.ok("up", "--profile", "local");
    stack.ok("stop", "resting");
    long keeper = pid(awaitRow("keeper", r -> r.path("status").asText().equals("online")));

    // the power goes: nothing of ours survives
    JsonNode daemon = stack.daemon();
    stack.ok("daemon", "stop");
    Procs.kill(keeper);
    Procs.kill(daemon.path("watchdog_pid").asLong(0));
    Procs.kill(daemon.path("pid").asLong(0));

    stack.env("STACK_BOOT_ID", "boot-2");
    assertEquals("exited", awaitRow("keeper", r -> true).path("state").asText());
    assertEquals("stopped", stack.instance("resting").path("state").asText());

    StackCli.Result up = stack.ok("up");
    assertTrue(up.err().contains("profile: local (the stack runs with it)"), up.err());
    awaitRow("keeper", r -> r.path("status").asText().equals("online") && pid(r) != keeper);
    assertEquals("stopped", stack.instance("resting").path("state").asText(), "stopped on purpose stays stopped");
  }

  @Test
  void daemonStopWithServicesStopsThemInOrderEndsTheWatchdogAndResurrectBringsBackWhatRan() throws Exception {
    stackFile("""
        name: lazarus
        services:
          db:
            command: [sh, -c, 'trap "echo db got TERM; exit 0" TERM; while true; do sleep 1; done']
          api:
            command: [sh, -c, 'trap "echo api got TERM; exit 0" TERM; while true; do sleep 1; done']
            depends_on: [db]
          resting:
            command: [sleep, "1000"]
        """);
    stack.env("STACK_BOOT_ID", "boot-1");
    stack.ok("up");
    stack.ok("stop", "resting");
    long db = pid(awaitRow("db", r -> r.path("status").asText().equals("online")));
    long api = pid(stack.instance("api"));
    long watchdog = stack.daemon().path("watchdog_pid").asLong(0);

    // what the unit of `stack startup` runs as the machine shuts down
    StackCli.Result halt = stack.ok("daemon", "stop", "--services");
    assertTrue(halt.err().indexOf("api              stopping") < halt.err().indexOf("db               stopping"), halt.err());
    assertTrue(halt.err().contains("stopped 3 native instance(s), kept for 'stack resurrect'"), halt.err());
    assertTrue(!Procs.alive(db) && !Procs.alive(api), "the services are stopped");
    // the watchdog exits (nothing left to hold), so systemd's stop of the unit does not wait out its timeout
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !Procs.alive(watchdog));
    String logs = stack.ok("logs", "--no-prefix").out();
    assertTrue(logs.contains("api got TERM") && logs.contains("db got TERM"), logs);

    stack.env("STACK_BOOT_ID", "boot-2");
    StackCli.Result back = stack.ok("resurrect");
    assertTrue(back.err().endsWith("resurrected: [lazarus]\n"), back.err());
    awaitRow("api", r -> r.path("status").asText().equals("online") && pid(r) != api);
    assertEquals("online", stack.instance("db").path("state").asText());
    assertEquals("stopped", stack.instance("resting").path("state").asText(), "stopped on purpose stays stopped");
    assertTrue(stack.ok("resurrect").err().endsWith("nothing to resurrect: running since this boot: [lazarus]\n"));
  }

  @Test
  void afterDaemonStopWithServicesInTheSameBootNothingComesBackUntilResurrectThenAllOfIt() throws Exception {
    stackFile("""
        name: samboot
        services:
          always:
            command: [sleep, "1000"]
            restart: always
          never:
            command: [sleep, "1000"]
            restart: "no"
          resting:
            command: [sleep, "1000"]
        """);
    stack.ok("up");
    stack.ok("stop", "resting");
    long always = pid(stack.instance("always"));
    long never = pid(stack.instance("never"));
    stack.ok("daemon", "stop", "--services");

    // the unit restarted without a reboot, or any command: the agent starts again and waits for resurrect
    for (String name : List.of("always", "never")) {
      JsonNode row = stack.instance(name);
      assertEquals("exited", row.path("state").asText(), name + ": " + row);
      assertEquals(0, pid(row), name + " is not started by its restart policy");
    }
    assertTrue(stack.ok("describe", "never").out().contains("stopped for a shutdown (daemon stop --services)"));

    StackCli.Result back = stack.ok("resurrect");
    assertTrue(back.err().endsWith("resurrected: [samboot]\n"), back.err());
    for (String name : List.of("always", "never")) {
      JsonNode row = awaitRow(name, r -> r.path("status").asText().equals("online"));
      assertTrue(pid(row) != always && pid(row) != never, name + " runs again: " + row);
    }
    assertEquals("stopped", stack.instance("resting").path("state").asText(), "stopped on purpose stays stopped");
    assertTrue(stack.ok("resurrect").err().endsWith("nothing to resurrect: running since this boot: [samboot]\n"));
  }
}
