package dev.stack.cli;

import static dev.stack.cli.CliRun.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top command: version, help, usage errors and how failures are reported. */
class MainTest {

  @TempDir
  Path dir;

  @Test
  void versionNamesTheVersionAndBuildTime() {
    CliRun run = stack("--version");
    assertEquals(0, run.code());
    assertTrue(run.out().matches("stack \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(built \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z, Java 17.*\\)\\n"),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = stack("--help");
    assertEquals(0, run.code());
    for (String command : new String[] {"config", "validate", "completion"}) {
      assertTrue(run.out().contains("\n  " + command + " "), () -> command + " missing in:\n" + run.out());
    }
    assertTrue(run.out().contains("--file=FILE"), run.out());
  }

  @Test
  void subcommandHelpShowsTheSharedFlags() {
    CliRun run = stack("validate", "--help");
    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: stack validate"), run.out());
    assertTrue(run.out().contains("--profile=NAME"), run.out());
  }

  @Test
  void unknownOptionIsAUsageErrorWithAHint() {
    CliRun run = stack("config", "--bogus");
    assertEquals(2, run.code());
    assertEquals("error: unknown option: '--bogus'\n  hint: see 'stack config --help'\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void misspelledCommandSuggestsTheNearestOne() {
    CliRun run = stack("valdate");
    assertEquals(2, run.code());
    assertEquals("error: unknown command 'valdate'\n  hint: did you mean 'validate'? See 'stack --help'\n", run.err());
  }

  @Test
  void noCommandPrintsTheUsageAsAUsageError() {
    CliRun run = stack();
    assertEquals(2, run.code());
    assertTrue(run.err().contains("Usage: stack "), run.err());
  }

  @Test
  void missingStackFileIsOneErrorAndAHint() {
    CliRun run = stack("-f", dir.resolve("nope.yaml").toString(), "validate");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("error: no such file: " + dir.resolve("nope.yaml")), run.err());
    assertEquals(2, run.err().lines().count(), run.err());
  }

  @Test
  void malformedFileIsExactlyOneCompilerStyleLineAndNoTrace() throws IOException {
    Path file = Files.writeString(dir.resolve("stack.yaml"), "services: [\n");
    CliRun run = stack("-f", file.toString(), "validate");
    assertEquals(2, run.code());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith(file + ":2:1: error: invalid YAML: "), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    Path file = Files.writeString(dir.resolve("stack.yaml"), "services: [\n");
    CliRun run = stack("--debug", "-f", file.toString(), "validate");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith(file + ":2:1: error: invalid YAML: "), run.err());
    assertTrue(run.err().contains("dev.stack.model.StackFileException"), run.err());
    assertTrue(run.err().contains("\tat dev.stack.cli."), run.err());
  }

  @Test
  void stackFileComesFromTheEnvironmentWhenNotGiven() throws IOException {
    Path file = Files.writeString(dir.resolve("other.yaml"), "services: [\n");
    CliRun run = stack(Map.of("STACK_FILE", file.toString()), "validate");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith(file + ":2:1: error: "), run.err());
  }

  @Test
  void completionBashDefinesTheCompletionFunction() {
    CliRun run = stack("completion", "bash");
    assertEquals(0, run.code());
    assertTrue(run.out().contains("complete -F _complete_stack"), run.out());
    assertTrue(run.out().contains("validate"), run.out());
    assertTrue(run.out().endsWith("\n"));
  }

  @Test
  void completionZshLoadsBashCompletionFirst() {
    CliRun run = stack("completion", "zsh");
    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("#!/usr/bin/env zsh\nautoload -U +X compinit && compinit\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"), run.out());
    assertTrue(run.out().contains("complete -F _complete_stack"), run.out());
  }

  @Test
  void completionForAnUnknownShellIsAUsageError() {
    CliRun run = stack("completion", "fish");
    assertEquals(2, run.code());
    assertTrue(run.err().endsWith("but was 'fish'\n  hint: see 'stack completion --help'\n"), run.err());
  }

  @Test
  void theSelectorProviderNamedIsTheJdksOwnSoSocketsWork() throws Exception {
    String key = "java.nio.channels.spi.SelectorProvider";
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      Main.nameTheSelectorProvider();
      assertEquals(Main.LINUX_SELECTOR_PROVIDER, System.getProperty(key));
      // the JDK instantiates it by this name: it must still exist, and be a provider
      assertTrue(java.nio.channels.spi.SelectorProvider.class.isAssignableFrom(
          Class.forName(Main.LINUX_SELECTOR_PROVIDER, false, ClassLoader.getSystemClassLoader())));
      assertEquals(Main.LINUX_SELECTOR_PROVIDER, java.nio.channels.spi.SelectorProvider.provider().getClass().getName());

      System.setProperty(key, "org.example.TheirOwn");
      Main.nameTheSelectorProvider();
      assertEquals("org.example.TheirOwn", System.getProperty(key), "a provider the user names wins");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
