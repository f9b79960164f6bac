package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  record Run(int code, String out, String err) {}

  private Run exec(List<String> command) throws IOException, InterruptedException {
    return exec(command, Map.of());
  }

  private Run exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
