package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void theUnitResurrectsAtBootAsTheUserWithItsHomeAndStopsTheServicesInOrderAtShutdown() {
    String unit = StartupCommand.unit("alice", true, Path.of("/home/alice/.stack"), "/usr/bin/java -jar /opt/stack.jar");
    List<String> lines = List.of(unit.split("\n"));
    assertTrue(lines.contains("[Unit]") && lines.contains("[Service]") && lines.contains("[Install]"), unit);
    // no main process to watch: an agent restarted by its watchdog is not the unit's end
    assertTrue(lines.contains("Type=oneshot") && lines.contains("RemainAfterExit=yes"), unit);
    assertFalse(unit.contains("PIDFile="), unit);
    assertTrue(lines.contains("User=alice"), unit);
    assertTrue(lines.contains("Environment=STACK_HOME=/home/alice/.stack"), unit);
    assertTrue(lines.contains("ExecStart=/usr/bin/java -jar /opt/stack.jar resurrect"), unit);
    assertTrue(lines.contains("ExecStop=/usr/bin/java -jar /opt/stack.jar daemon stop --services"), unit);
    assertTrue(lines.contains("WantedBy=multi-user.target"), unit);
    assertTrue(lines.contains("After=network-online.target docker.service"), unit);
    assertEquals("stack-alice.service", StartupCommand.unitName("alice"));
  }

  @Test
  void aUserUnitHasNoUserLineAndIsWantedByTheUsersDefaultTarget() {
    String unit = StartupCommand.unit("bob", false, Path.of("/home/bob/.stack"), "/usr/bin/java -jar /opt/stack.jar");
    List<String> lines = List.of(unit.split("\n"));
    assertFalse(unit.contains("User="), unit);
    assertTrue(lines.contains("WantedBy=default.target"), unit);
  }

  @Test
  void startupPrintsTheUnitForTheCurrentUser() {
    CliRun run = CliRun.stack("startup");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("User=" + System.getProperty("user.name")), run.out());
    assertTrue(run.out().contains(" resurrect\n"), run.out());
  }

  @Test
  void systemdAnalyzeVerifiesTheUnitWhereItIsInstalled(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(analyze), "no systemd-analyze here");
    for (boolean system : List.of(true, false)) {
      Path unit = dir.resolve(StartupCommand.unitName("root"));
      java.nio.file.Files.writeString(unit, StartupCommand.unit("root", system, dir.resolve("home"), StartupCommand.javaCommand()));
      Process p = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      assertFalse(out.contains(unit.getFileName().toString()), "a warning about the unit: " + out);
    }
  }
}
