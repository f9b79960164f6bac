package dev.stack.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stack run} (= {@code up --foreground}), what a container's entrypoint runs: supervises in
 * the process, streams prefixed logs to stdout, turns SIGTERM into a graceful stop of every
 * service, and exits non-zero when everything has failed.
 */
class ForegroundIT {

  private static final Path JAR = Path.of("target/stack.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir
  Path dir;

  private Process stack;
  private Thread reader;
  private final List<String> out = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    if (stack != null && stack.isAlive()) {
      stack.destroyForcibly();
    }
  }

  private Process run(String stackFile) throws IOException {
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, stackFile);
    ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "-f", file.toString(), "run")
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("STACK_HOME", dir.resolve("home").toString());
    stack = pb.start();
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          out.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return stack;
  }

  @Test
  void sigtermStopsEveryServiceGracefullyAndLogsArePrefixed() throws Exception {
    Process p = run("""
        name: fg
        services:
          ticker:
            command: [sh, -c, 'echo "pid $$$$"; trap "echo bye > stopped-gracefully; exit 0" TERM; while true; do echo tick; sleep 0.2; done']
          other:
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 0.2; done']
        """);
    await().atMost(Duration.ofSeconds(60)).until(() -> out.stream().filter(l -> l.equals("ticker | tick")).count() >= 2);
    long ticker = pidOf("ticker \\| pid (\\d+)");
    assertTrue(ProcessHandle.of(ticker).isPresent());
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stack run ended after SIGTERM");
    reader.join(10_000); // everything it printed has been read
    assertTrue(Files.exists(dir.resolve("stopped-gracefully")), "the service got its stop signal and ran its trap");
    assertFalse(ProcessHandle.of(ticker).map(ProcessHandle::isAlive).orElse(false), "no service process is left");
    String err = Files.readString(dir.resolve("err.txt"));
    assertTrue(err.contains("stopping every service"), err);
    assertNoCgroupsOf("fg");
  }

  @Test
  void exitsOneWhenEveryServiceHasFailed() throws Exception {
    Process p = run("""
        name: fg-fail
        services:
          broken:
            command: [sh, -c, 'echo failing; exit 3']
            restart: {policy: 'no'}
        """);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stack run ends once nothing runs");
    reader.join(10_000);
    assertEquals(1, p.exitValue());
    assertTrue(out.contains("broken | failing"), out.toString());
  }

  @Test
  void exitsZeroWhenEveryServiceCompleted() throws Exception {
    Process p = run("""
        name: fg-done
        services:
          task:
            command: [sh, -c, 'echo done']
        """);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stack run ends once nothing runs");
    reader.join(10_000);
    assertEquals(0, p.exitValue());
    assertTrue(out.contains("task | done"), out.toString());
    assertNoCgroupsOf("fg-done");
  }

  /** Where stack made cgroups for a stack (root; v1 or v2), none is left once the run ended. */
  private static void assertNoCgroupsOf(String stack) {
    for (String controller : List.of("memory", "pids", "cpu", "")) {
      Path dir = Path.of("/sys/fs/cgroup", controller, "stack", stack);
      assertFalse(Files.exists(dir), dir + " is left behind");
    }
  }

  private long pidOf(String regex) {
    Pattern pattern = Pattern.compile(regex);
    for (String line : out) {
      Matcher m = pattern.matcher(line);
      if (m.matches()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new AssertionError("no line matches " + regex + " in " + out);
  }
}
