package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unit {@code stack startup} writes (no systemd as PID 1 here: we check its content; a
 * machine with systemd-analyze also verifies it).
 */
class StartupCommandTest {

  @Test
  void theUnitResurrectsAtBootAsTheUserWithItsHome() {
    String unit = StartupCommand.unit("alice", Path.of("/home/alice/.stack"), "/usr/bin/java -jar /opt/stack.jar",
        Path.of("/home/alice/.stack/agent.pid"));
    List<String> lines = List.of(unit.split("\n"));
    assertTrue(lines.contains("[Unit]") && lines.contains("[Service]") && lines.contains("[Install]"), unit);
    assertTrue(lines.contains("Type=forking"), unit);
    assertTrue(lines.contains("User=alice"), unit);
    assertTrue(lines.contains("Environment=STACK_HOME=/home/alice/.stack"), unit);
    assertTrue(lines.contains("PIDFile=/home/alice/.stack/agent.pid"), unit);
    assertTrue(lines.contains("ExecStart=/usr/bin/java -jar /opt/stack.jar resurrect"), unit);
    assertTrue(lines.contains("ExecStop=/usr/bin/java -jar /opt/stack.jar daemon stop"), unit);
    assertTrue(lines.contains("WantedBy=multi-user.target"), unit);
    assertTrue(lines.contains("After=network-online.target docker.service"), unit);
    assertEquals("stack-alice.service", StartupCommand.unitName("alice"));
  }

  @Test
  void startupPrintsTheUnitForTheCurrentUser() {
    CliRun run = CliRun.stack("startup");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("User=" + System.getProperty("user.name")), run.out());
    assertTrue(run.out().contains(" resurrect\n"), run.out());
  }
}
