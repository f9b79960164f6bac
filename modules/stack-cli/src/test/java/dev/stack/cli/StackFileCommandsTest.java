package dev.stack.cli;

import static dev.stack.cli.CliRun.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} and {@code validate} on a small, valid stack file. */
class StackFileCommandsTest {

  private static final String STACK = """
      services:
        api:
          image: example/api:1
          command: [./api, --port, "8080"]
          env:
            LOG_LEVEL: info
            API_KEY: {secret: true, value: hunter2}
      """;

  @TempDir
  Path dir;

  Path file;

  @BeforeEach
  void writeStack() throws IOException {
    file = Files.writeString(dir.resolve("stack.yaml"), STACK);
  }

  @Test
  void configPrintsTheResolvedStackAsYamlWithDefaultsAndSecretsMasked() {
    CliRun run = stack("-f", file.toString(), "config");
    assertEquals(0, run.code(), run.err());
    assertEquals("profile: dev (default)\n", run.err());
    assertTrue(run.out().contains("LOG_LEVEL: info"), run.out());
    assertTrue(run.out().contains("******"), run.out());
    assertFalse(run.out().contains("hunter2"), run.out());
    // defaults from DESIGN.md "Defaults", filled in by the model
    for (String fact : new String[] {"on-failure", "TERM", "10s", "30s", "10m"}) {
      assertTrue(run.out().contains(fact), () -> fact + " missing in:\n" + run.out());
    }
  }

  @Test
  void configIsStableAndWritesSharedValuesOutInsteadOfAliasingThem() throws IOException {
    Files.writeString(file, STACK + """
          worker:
            image: example/worker:1
            command: [./worker]
        """);
    CliRun first = stack("-f", file.toString(), "config");
    assertEquals(0, first.code(), first.err());
    assertEquals(first.out(), stack("-f", file.toString(), "config").out());
    assertFalse(first.out().contains("&id") || first.out().contains("*id"), first.out());
  }

  @Test
  void configJsonIsJsonAndSaysTheChosenProfile() throws IOException {
    CliRun run = stack("-f", file.toString(), "config", "--json", "--profile", "prod");
    assertEquals(0, run.code(), run.err());
    assertEquals("profile: prod\n", run.err());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertTrue(root.path("services").has("api"), run.out());
    assertFalse(run.out().contains("hunter2"), run.out());
  }

  @Test
  void validateSaysOkInOneLine() {
    CliRun run = stack("-f", file.toString(), "validate");
    assertEquals(0, run.code(), run.err());
    assertEquals(file + ": ok (1 service, profile dev; not checked: prod, see --all-profiles)\n", run.out());
    assertEquals("", run.err());
  }

  @Test
  void validateAllProfilesChecksEveryProfile() {
    CliRun run = stack("-f", file.toString(), "validate", "--all-profiles");
    assertEquals(0, run.code(), run.err());
    assertEquals(file + ": ok (1 service, every profile: dev, prod)\n", run.out());
    assertEquals(file + ": ok (1 service, profile prod; not checked: dev, see --all-profiles)\n",
        stack("-f", file.toString(), "--profile", "prod", "validate").out());
  }

  @Test
  void validateAllProfilesReportsWhatOnlyOneProfileRejects() throws IOException {
    Files.writeString(file, STACK.replace("    image: example/api:1\n", ""));
    assertEquals(0, stack("-f", file.toString(), "validate").code());
    CliRun run = stack("-f", file.toString(), "validate", "--all-profiles");
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith(file + ":2:3: error: services.api: a docker service needs an image or a build\n"),
        run.err());
    assertTrue(run.err().endsWith("error: " + file + " is invalid under profile prod\n  hint: it is valid under dev\n"),
        run.err());
  }

  @Test
  void diffOfTwoProfilesNamesTheOneTheFileIsInvalidUnder() throws IOException {
    Files.writeString(file, STACK.replace("    image: example/api:1\n", ""));
    CliRun run = stack("-f", file.toString(), "diff", "dev", "prod");
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith(file + ":2:3: error: services.api: a docker service needs an image or a build\n"),
        run.err());
    assertTrue(run.err().endsWith("error: " + file + " is invalid under profile prod\n  hint: diff compares two valid"
        + " profiles: fix it for prod (a profile can set what it needs, e.g. an image, in profiles/prod.yaml)\n"), run.err());
  }

  @Test
  void setOverridesReachTheModel() {
    CliRun run = stack("-f", file.toString(), "--set", "services.api.replicas=-1", "validate");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("--set:"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }
}
