package dev.stack.agent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.agent.protocol.StackHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user cannot use the agent: the socket's folder keeps them out, and if the folder were
 * opened up, the agent itself refuses them (SO_PEERCRED). Runs a client as {@code nobody}, so it
 * needs root (CI runs as root, see DESIGN.md "Testing here").
 */
@EnabledIf("isRoot")
class OtherUserIT {

  @TempDir Path tmp;
  StackHome home;
  AgentProcesses procs;
  String nobodyClasspath;

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @BeforeEach
  void setUp() throws Exception {
    // nobody may pass through the test folder, not into the home
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    home = new StackHome(tmp.resolve("home"));
    procs = new AgentProcesses(home, "it-1");
    try (AgentClient c = AgentClient.connect(home, procs.launch, true)) {
      c.call("ping", java.util.Map.of(), null);
    }
    procs.remember();
    nobodyClasspath = copyForNobody(tmp.resolve("cp"));
  }

  @AfterEach
  void tearDown() {
    procs.close();
  }

  @Test
  void theSocketFolderKeepsOtherUsersOut() throws Exception {
    Result r = pingAsNobody();
    assertEquals(1, r.exit, r.output);
    assertEquals("error: cannot connect to the agent at " + home.socket()
        + ": permission denied (it belongs to user root)\n"
        + "  hint: each user runs their own agent: set STACK_HOME to a folder you own\n", r.output);
  }

  @Test
  void theAgentRefusesOtherUsersEvenThroughAnOpenedSocket() throws Exception {
    Files.setPosixFilePermissions(home.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(home.socket(), PosixFilePermissions.fromString("rwxrwxrwx"));
    Result r = pingAsNobody();
    assertEquals(1, r.exit, r.output);
    assertEquals("error: the agent of user root does not serve user nobody\n"
        + "  hint: each user runs their own agent: set STACK_HOME to a folder you own\n", r.output);
  }

  record Result(int exit, String output) {}

  private Result pingAsNobody() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", procs.launch.java(),
        "-XX:-UsePerfData", "-cp", nobodyClasspath, PingMain.class.getName(), home.root().toString())
        .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  /** Copies the project's own class folders and jars (the client needs no library) to a 0755 folder. */
  private static String copyForNobody(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : AgentProcesses.testClasspath().split(File.pathSeparator)) {
      Path src = Path.of(entry);
      if (!entry.contains("/target/") || !Files.exists(src)) {
        continue;
      }
      Path dst = dir.resolve(n++ + "-" + src.getFileName());
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path to = dst.resolve(src.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
          } else {
            Files.copy(f, to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
      entries.add(dst.toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
