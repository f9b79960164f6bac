package dev.stack.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeTest {

  @TempDir Path tmp;

  @Test
  void resolvesStackHomeElseDotStackInTheUserHome() {
    assertEquals(Path.of("/srv/st"), StackHome.resolve(Map.of("STACK_HOME", "/srv/st"), "/home/me").root());
    assertEquals(Path.of("/home/me/.stack"), StackHome.resolve(Map.of(), "/home/me").root());
    assertEquals(Path.of("/home/me/.stack"), StackHome.resolve(Map.of("STACK_HOME", " "), "/home/me").root());
  }

  @Test
  void namesItsFiles() {
    StackHome h = new StackHome(Path.of("/s"));
    assertEquals(Path.of("/s/agent.sock"), h.socket());
    assertEquals(Path.of("/s/agent.pid"), h.pidFile());
    assertEquals(Path.of("/s/agent.log"), h.log());
    assertEquals(Path.of("/s/state"), h.stateDir());
    assertEquals(Path.of("/s/logs"), h.logsDir());
    assertEquals(Path.of("/s/run"), h.runDir());
    assertEquals(Path.of("/s/watchdog.ctl"), h.watchdogControl());
  }

  @Test
  void createsTheFolderForItsOwnerOnly() throws IOException {
    StackHome h = new StackHome(tmp.resolve("a/b/.stack")).create();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(h.root())));
    for (Path dir : new Path[] {h.stateDir(), h.logsDir(), h.runDir(), h.binDir()}) {
      assertTrue(Files.isDirectory(dir), dir.toString());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
  }

  @Test
  void narrowsAnExistingOpenFolder() throws IOException {
    Path open = Files.createDirectory(tmp.resolve("open"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    new StackHome(open).create();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
  }
}
