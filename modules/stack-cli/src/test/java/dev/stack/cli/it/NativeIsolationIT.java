package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resource limits, what happens without the right to enforce them, and one user per agent. */
class NativeIsolationIT extends LiveStackTest {

  static final String OTHER_USER = "nobody";

  @Test
  void aServicePastItsMemoryLimitIsStoppedByIt() throws Exception {
    assumeTrue(isRoot(), "cgroup limits are tested as root (as CI runs)");
    stackFile("""
        name: hog
        services:
          hog:
            command: [sh, -c, 'echo started; x=a; while :; do x="$$x$$x"; done']
            resources: {memory: 32m}
            restart: "no"
        """);
    stack.run("up");

    JsonNode row = awaitRow("hog", r -> r.path("state").asText().equals("exited"));
    assertEquals("killed by KILL (memory limit 32m exceeded)", row.path("last_exit").asText(), row.toString());
    assertTrue(stack.ok("describe", "hog").out().contains("memory limit 32m exceeded"));
  }

  @Test
  void withoutTheRightToCreateCgroupsPsMarksTheLimitsAsNotEnforced() throws Exception {
    StackCli other = asOtherUser("""
        name: unlimited
        services:
          capped:
            command: [sh, -c, 'while :; do sleep 1; done']
            resources: {memory: 64m}
        """);
    try {
      other.ok("up");
      JsonNode row = other.instance("capped");
      assertEquals(false, row.path("limits_enforced").asBoolean(true), row.toString());
      String table = other.ok("ps").out();
      assertTrue(table.lines().anyMatch(l -> l.startsWith("capped!")), table);
    } finally {
      other.cleanUp();
    }
  }

  @Test
  void anotherUserCannotUseTheAgentsSocket() throws Exception {
    stackFile("""
        name: mine
        services:
          mine:
            command: [sh, -c, 'while :; do sleep 1; done']
        """);
    stack.ok("up");
    long service = pid(stack.instance("mine"));
    long agent = stack.daemon().path("pid").asLong();
    openUp(dir);
    Files.setPosixFilePermissions(stack.stackFile(), PosixFilePermissions.fromString("rw-r--r--"));

    StackCli intruder = new StackCli(readableJar(), stack.home(), stack.stackFile(), Optional.of(OTHER_USER));
    StackCli.Result ps = intruder.run("ps");
    assertNotEquals(0, ps.code(), ps.toString());
    assertTrue(ps.err().startsWith("error: "), ps.toString());
    assertTrue(ps.err().contains("STACK_HOME"), ps.toString());
    assertEquals("", ps.out(), ps.toString());

    assertEquals(agent, stack.daemon().path("pid").asLong(), "the same agent");
    assertEquals(service, pid(stack.instance("mine")), "the same service");
    assertTrue(Procs.alive(service));
  }

  @Test
  void twoHomesRunningAStackOfTheSameNameLeaveEachOtherAlone() throws Exception {
    stackFile("""
        name: twin
        services:
          w:
            command: [sh, -c, 'while :; do sleep 1; done']
        """);
    StackCli second = new StackCli(Files.createDirectories(dir.resolve("home2")), stack.stackFile());
    try {
      stack.ok("up");
      second.ok("up");
      long mine = pid(stack.instance("w"));
      assertNotEquals(mine, pid(second.instance("w")), "each home runs its own");

      second.ok("down"); // as root, each instance is stopped with everything in its cgroup
      assertTrue(Procs.alive(mine), "the first home's service survives the second home's down");
      JsonNode row = stack.instance("w");
      assertEquals(mine, pid(row), row.toString());
      assertEquals("online", row.path("state").asText(), row.toString());
      assertEquals(0, row.path("restarts").asInt(), row.toString());
    } finally {
      second.cleanUp();
    }
  }

  /** A stack run entirely as {@link #OTHER_USER}: its own home, stack file and copy of the jar. */
  private StackCli asOtherUser(String yaml) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
        "runuser is missing: cannot run the CLI as another user");
    assumeTrue(isRoot(), "only root can run the CLI as another user");
    openUp(dir);
    Path jar = readableJar();
    Path base = Files.createDirectories(dir.resolve(OTHER_USER));
    Path home = Files.createDirectories(base.resolve("home"));
    Path file = Files.writeString(base.resolve("stack.yaml"), yaml);
    UserPrincipal user = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OTHER_USER);
    for (Path p : List.of(base, home, file)) {
      Files.setOwner(p, user);
    }
    return new StackCli(jar, home, file, Optional.of(OTHER_USER));
  }

  private Path readableJar() throws IOException {
    Path copy = dir.resolve("stack.jar");
    if (!Files.exists(copy)) {
      Files.copy(StackCli.JAR, copy);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return copy;
  }

  /** The temporary folder is private to root; another user must reach into it. */
  private static void openUp(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir.resolve("app"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
