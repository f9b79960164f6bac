package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar and {@code bin/stack}, run as a user runs them: the launcher finds the jar, says
 * so when it is missing, and the commands that need nothing running load no heavy library (the
 * start-up budget of DESIGN.md leaves no room for Jackson, logback, docker-java or OSHI).
 */
class LauncherIT {

  static final Path JAR = Path.of("target/stack.jar").toAbsolutePath();
  static final Path LAUNCHER = Path.of("../../bin/stack").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @Test
  void theJarLeavesDockersLibrariesToTheBackendsFolderBesideIt() throws Exception {
    // every command opens the jar: it holds what they all need; the Docker backend and the
    // libraries only it uses are beside it (DockerStackIT runs containers through them)
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(JAR.toFile())) {
      List<String> heavy = zip.stream().map(java.util.zip.ZipEntry::getName)
          .filter(n -> n.startsWith("com/github/dockerjava/") || n.startsWith("com/fasterxml/jackson/")
              || n.startsWith("com/google/common/") || n.startsWith("org/bouncycastle/")
              || n.startsWith("org/apache/hc/") || n.startsWith("dev/stack/docker/"))
          .limit(5).toList();
      assertEquals(List.of(), heavy);
      assertTrue(zip.size() < 5000, zip.size() + " entries");
    }
    List<String> backends;
    try (var files = Files.list(JAR.resolveSibling("stack-backends"))) {
      backends = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(backends.stream().anyMatch(n -> n.startsWith("stack-docker-")), backends.toString());
    assertTrue(backends.stream().anyMatch(n -> n.startsWith("docker-java-core-")), backends.toString());
  }

  @Test
  void launcherRunsTheBuiltJar() throws Exception {
    Run run = exec(List.of(LAUNCHER.toString(), "--version"));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("stack "), run.out());
    assertEquals("", run.err());
  }

  @Test
  void launcherReachedThroughARelativeSymlinkRunsTheJarByItsPhysicalPathInTheCallersDirectory() throws Exception {
    // as `make install` links it: bin/stack -> ../lib/stack/stack, here a relative link to the repository's
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("stack"), bin.relativize(LAUNCHER));
    Files.writeString(dir.resolve("stack.yaml"), "name: linked\nservices:\n  api: {command: [./api]}\n");
    Path log = dir.resolve("classes.log");
    Run run = exec(List.of(link.toString(), "validate"), Map.of("STACK_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("stack.yaml"), "the caller's stack.yaml was found: " + run.out());
    // the jar by its physical path, the one an archive beside it is made with (`make build`; when
    // there is one, Main comes from it)
    String main = Files.readAllLines(log).stream().filter(l -> l.contains(" dev.stack.cli.Main ")).findFirst()
        .orElseThrow();
    assertTrue(main.contains("shared objects file") || main.endsWith("source: file:" + JAR.toRealPath()), main);
  }

  @Test
  void launcherSaysWhenJavaHomeHasNoJava() throws Exception {
    Run run = exec(List.of(LAUNCHER.toString(), "--version"), Map.of("JAVA_HOME", dir.resolve("nojdk").toString()));
    assertEquals(2, run.code());
    assertEquals("error: no java found (JAVA_HOME is " + dir.resolve("nojdk") + ", and none on PATH)\n"
        + "  hint: install a JDK 17 or newer, or set JAVA_HOME\n", run.err());
  }

  @Test
  void onATerminalTheLauncherPassesItsWidthOnAndElseNone() throws Exception {
    Path script = Path.of("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "no script(1) to run the launcher on a terminal");
    Map<String, String> env = withJava("echo COLUMNS=${COLUMNS:-unset}");
    Run onTerminal = exec(List.of(script.toString(), "-qec", "stty cols 132 rows 40; " + LAUNCHER + " ps", "/dev/null"), env);
    assertEquals(0, onTerminal.code(), onTerminal.err());
    assertTrue(onTerminal.out().contains("COLUMNS=132"), onTerminal.out());
    assertEquals("COLUMNS=unset\n", exec(List.of(LAUNCHER.toString(), "ps"), env).out(), "output to a file");
    assertEquals("COLUMNS=90\n", exec(List.of(LAUNCHER.toString(), "ps"), with(env, "COLUMNS", "90")).out(), "given");
  }

  @Test
  void launcherWithoutAJarSaysHowToBuildIt() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path copy = Files.copy(LAUNCHER, bin.resolve("stack"));
    Run run = exec(List.of("sh", copy.toString(), "--version"));
    assertEquals(2, run.code());
    assertEquals("error: stack is not built\n  hint: run 'make build'\n", run.err());
  }

  @Test
  void validateAndConfigLoadNoHeavyLibrary() throws Exception {
    Path file = Files.writeString(dir.resolve("stack.yaml"), """
        services:
          api:
            image: example/api:1
            command: [./api]
        """);
    for (String command : List.of("validate", "config")) {
      Run run = exec(List.of("java", "-Xlog:class+load=info:file=" + dir.resolve(command + ".log"),
          "-jar", JAR.toString(), "-f", file.toString(), command));
      assertEquals(0, run.code(), run.err());
      List<String> heavy = Files.readAllLines(dir.resolve(command + ".log")).stream()
          .filter(l -> l.matches(".*\\b(com\\.fasterxml|ch\\.qos|com\\.github\\.dockerjava|oshi|org\\.slf4j|com\\.sun\\.jna)\\..*"))
          .toList();
      assertEquals(List.of(), heavy, command);
    }
  }

  @Test
  void aColdUpHasTheLauncherStartTheAgentFromTheLastStartsCommand() throws Exception {
    Map<String, String> env = Map.of("STACK_HOME", dir.resolve("home").toString());
    Files.writeString(dir.resolve("stack.yaml"), "name: early\nservices:\n  s: {command: [/bin/sleep, \"300\"]}\n");
    try {
      stoppedAfterAFirstUp(env);
      // a java that does nothing: an agent that starts now was started by the launcher itself,
      // run from a shell holding a descriptor of its own (as a CI runner's pipes)
      Path callers = dir.resolve("callers-file");
      Run run = exec(List.of("sh", "-c", "exec 7>>\"$0\"; exec \"$@\"", callers.toString(), LAUNCHER.toString(),
          "-f", "stack.yaml", "up", "--profile", "dev"), withNoJava(env));
      assertEquals(0, run.code(), run.err());
      assertTrue(Files.exists(dir.resolve("home/watchdog.log")), "the launcher started the watchdog");
      String status = awaitAgent(env);
      assertTrue(status.startsWith("the agent runs: pid "), status);
      // neither the watchdog nor the agent keeps the caller's descriptor open
      for (String pidFile : List.of("watchdog.pid", "agent.pid")) {
        String pid = Files.readString(dir.resolve("home").resolve(pidFile)).strip();
        try (var fds = Files.list(Path.of("/proc", pid, "fd"))) {
          List<String> targets = fds.map(fd -> {
            try {
              return Files.readSymbolicLink(fd).toString();
            } catch (IOException e) {
              return "";
            }
          }).toList();
          assertTrue(targets.stream().noneMatch(t -> t.equals(callers.toString())), pidFile + ": " + targets);
        }
      }
      // only the agent: starting the services is the CLI's part
      assertTrue(exec(List.of(LAUNCHER.toString(), "ps", "--json"), env).out().contains("\"instances\": []"));
    } finally {
      exec(List.of(LAUNCHER.toString(), "down"), env);
      exec(List.of(LAUNCHER.toString(), "daemon", "stop"), env);
    }
  }

  @Test
  void theLauncherLeavesTheStartToTheCliUnlessNothingChangedSinceTheLastStart() throws Exception {
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of("STACK_HOME", home.toString());
    Files.writeString(dir.resolve("stack.yaml"), "name: notearly\nservices:\n  s: {command: [/bin/sleep, \"300\"]}\n");
    try {
      stoppedAfterAFirstUp(env);
      Map<String, String> noJava = withNoJava(env);
      String cmd = Files.readString(home.resolve("agent.cmd"));
      // commands that do not start an agent, or ask for help
      for (List<String> args : List.of(List.of("ps"), List.of("logs"), List.of("up", "--help"),
          List.of("up", "--foreground"), List.of("-f", "up", "validate"))) {
        assertNoEarlyStart(args, noJava, home);
      }
      // other agent flags than the last start's
      Map<String, String> flags = new java.util.HashMap<>(noJava);
      flags.put("STACK_AGENT_JAVA_OPTS", "-Xmx60m");
      assertNoEarlyStart(List.of("up"), flags, home);
      // agent.cmd of another jar, or older than this jar (rebuilt since)
      Files.writeString(home.resolve("agent.cmd"), cmd.replace(JAR.toRealPath().toString(), "/elsewhere/stack.jar"));
      assertNoEarlyStart(List.of("up"), noJava, home);
      Files.writeString(home.resolve("agent.cmd"), cmd);
      Files.setLastModifiedTime(home.resolve("agent.cmd"), java.nio.file.attribute.FileTime.fromMillis(
          Files.getLastModifiedTime(JAR.toRealPath()).toMillis() - 60_000));
      assertNoEarlyStart(List.of("up"), noJava, home);
    } finally {
      exec(List.of(LAUNCHER.toString(), "down"), env);
      exec(List.of(LAUNCHER.toString(), "daemon", "stop"), env);
    }
  }

  /** An up and a down with the real CLI (agent.cmd and the watchdog script written), then no agent, no watchdog. */
  private void stoppedAfterAFirstUp(Map<String, String> env) throws Exception {
    Path home = Path.of(env.get("STACK_HOME"));
    Run up = exec(List.of(LAUNCHER.toString(), "up", "--profile", "dev"), env);
    assertEquals(0, up.code(), up.err());
    assertEquals(0, exec(List.of(LAUNCHER.toString(), "down"), env).code());
    assertEquals(0, exec(List.of(LAUNCHER.toString(), "daemon", "stop"), env).code());
    // the watchdog exits once the agent stopped and it holds no FIFO
    for (int i = 0; i < 300 && Files.exists(home.resolve("watchdog.pid")); i++) {
      Thread.sleep(20);
    }
    assertTrue(Files.notExists(home.resolve("watchdog.pid")), "the watchdog is gone");
    assertTrue(Files.notExists(home.resolve("agent.sock")), "the agent is gone");
    Files.delete(home.resolve("watchdog.log"));
  }

  private void assertNoEarlyStart(List<String> args, Map<String, String> env, Path home) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(args);
    assertEquals(0, exec(command, env).code(), String.join(" ", args));
    // the launcher writes watchdog.log as it starts the watchdog, before it runs java
    assertTrue(Files.notExists(home.resolve("watchdog.log")), "no watchdog started for " + String.join(" ", args));
  }

  /** {@code env} with a JAVA_HOME whose java exits 0 at once, so that the launcher runs alone. */
  private Map<String, String> withNoJava(Map<String, String> env) throws IOException {
    return with(env, "JAVA_HOME", fakeJava("nojava", "exit 0").toString());
  }

  /** A JAVA_HOME whose java runs {@code body} (a shell script) instead. */
  private Map<String, String> withJava(String body) throws IOException {
    return Map.of("JAVA_HOME", fakeJava("fakejava", body).toString());
  }

  private Path fakeJava(String name, String body) throws IOException {
    Path java = dir.resolve(name + "/bin/java");
    if (Files.notExists(java)) {
      Files.createDirectories(java.getParent());
      Files.writeString(java, "#!/bin/sh\n" + body + "\n");
      java.toFile().setExecutable(true);
    }
    return dir.resolve(name);
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> with = new java.util.HashMap<>(env);
    with.put(name, value);
    return with;
  }

  /** What {@code stack daemon status} says once the agent runs (or after 30 s). */
  private String awaitAgent(Map<String, String> env) throws Exception {
    String status = "";
    for (int i = 0; i < 300 && !status.startsWith("the agent runs"); i++) {
      status = exec(List.of(LAUNCHER.toString(), "daemon", "status"), env).out();
      if (!status.startsWith("the agent runs")) {
        Thread.sleep(100);
      }
    }
    return status;
  }

  record Run(int code, String out, String err) {}

  private Run exec(List<String> command) throws IOException, InterruptedException {
    return exec(command, Map.of());
  }

  private Run exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("COLUMNS"); // the width of whatever terminal runs the build is none of these tests'
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
