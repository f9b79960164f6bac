package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  @Test
  void quotesForTheShell() {
    assertEquals("'it'\\''s'", Launcher.quote("it's"));
    assertEquals("'$HOME'", Launcher.quote("$HOME"));
  }

  @Test
  void resolvesUsersByNameAndNumber() {
    assertEquals(Optional.of(new Launcher.UserEntry("root", 0, 0)), Launcher.UserEntry.resolve("root"));
    assertEquals(Optional.of(new Launcher.UserEntry("root", 0, 0)), Launcher.UserEntry.resolve("0"));
    assertEquals(Optional.of(new Launcher.UserEntry(null, 4321, 99)), Launcher.UserEntry.resolve("4321:99"));
    assertEquals(Optional.empty(), Launcher.UserEntry.resolve("no-such-user-here"));
  }

  @Test
  void findsCommandsOnPathOrRelativeToTheWorkdir() {
    assertEquals(Optional.of(Path.of("/bin/sh")), Launcher.findCommand("sh", Path.of("/"), "/nonexistent:/bin"));
    assertTrue(Launcher.findCommand("./bin/sh", Path.of("/"), "").isPresent());
    assertEquals(Optional.empty(), Launcher.findCommand("no-such-command", Path.of("/"), "/bin:/usr/bin"));
  }

  @Test
  void saysWhyACommandCannotRun(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("run.sh"), "echo hi\n");
    Files.createDirectory(dir.resolve("bin"));
    assertEquals(List.of("services.api.command: command not found: no-such-xyz", "it is looked up on the PATH 'stack up' ran with: fix the name, or give its path"),
        why(Launcher.notRunnable("api", "no-such-xyz", dir)));
    assertEquals(List.of("services.api.command: command not found: ./no/such", "no such file: " + dir.resolve("./no/such")
        + " (the path is relative to the workdir)"), why(Launcher.notRunnable("api", "./no/such", dir)));
    assertEquals(List.of("services.api.command: command not found: /no/such/bin", "no such file"),
        why(Launcher.notRunnable("api", "/no/such/bin", dir)));
    assertEquals(List.of("services.api.command: not executable: ./run.sh", "make it executable (chmod +x "
        + dir.resolve("./run.sh") + "), or name its interpreter first, e.g. [sh, ./run.sh]"), why(Launcher.notRunnable("api", "./run.sh", dir)));
    assertEquals("services.api.command: a folder, not a program: bin/", Launcher.notRunnable("api", "bin/", dir).getMessage());
  }

  private static List<String> why(BackendException e) {
    assertFalse(e.retryable());
    return List.of(e.getMessage(), e.hint());
  }

  @Test
  void cgroupHandleRoundTrips() {
    InstanceCgroup c = new InstanceCgroup(1, Map.of("memory", Path.of("/sys/fs/cgroup/memory/stack/s/api-1")), 2);
    assertEquals(Optional.of(c), InstanceCgroup.decode(c.encode()));
    assertEquals(Optional.empty(), InstanceCgroup.decode(null));
  }
}
