package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
  void cgroupHandleRoundTrips() {
    InstanceCgroup c = new InstanceCgroup(1, Map.of("memory", Path.of("/sys/fs/cgroup/memory/stack/s/api-1")), 2);
    assertEquals(Optional.of(c), InstanceCgroup.decode(c.encode()));
    assertEquals(Optional.empty(), InstanceCgroup.decode(null));
  }
}
