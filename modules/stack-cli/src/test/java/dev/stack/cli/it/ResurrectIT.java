package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
}
