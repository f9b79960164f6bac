package dev.stack.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.Capabilities;
import dev.stack.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileDiffTest {

  private static final Path SECRET = DiffGoldenTest.CASES.resolve("secret/stack.yaml");
  private static final Path SWITCH = DiffGoldenTest.CASES.resolve("backend-switch/stack.yaml");

  private static ProfileDiff diff(Path file, String from, String to) {
    return ProfileDiff.compare(DiffGoldenTest.load(file, from), DiffGoldenTest.load(file, to), BackendFixtures.both(false));
  }

  @Test
  void secretsNeverShowTheirValueNorTheirHashEvenVerbose() {
    ProfileDiff d = diff(SECRET, "dev", "rotated");
    String text = new DiffText(true, Palette.PLAIN).render(d);
    String json = DiffJson.render(d);

    for (String leak : List.of("hunter2-dev", "same-key-everywhere", "correct-horse-battery", "s3cr3t-signing", "sha256")) {
      assertFalse(text.contains(leak), () -> leak + " in:\n" + text);
      assertFalse(json.contains(leak), () -> leak + " in:\n" + json);
    }
    assertTrue(text.lines().anyMatch(l -> l.matches(" {8}env\\.API_KEY +\\(secret\\)")), text);
    assertTrue(text.lines().anyMatch(l -> l.matches(" {8}env\\.LOG_LEVEL +debug")), text);
  }

  @Test
  void theSameProfileTwiceHasNoDifferences() {
    ProfileDiff d = diff(SWITCH, "prod", "prod");
    assertFalse(d.hasDifferences());
    assertEquals("""
        Changes from profile prod (docker) to profile prod (docker) of stack shop:

        No differences: 2 services the same in prod and prod.
        """, DiffText.PLAIN.render(d));
  }

  @Test
  void verboseListsUnchangedServices() {
    String text = new DiffText(true, Palette.PLAIN).render(diff(SWITCH, "dev", "dev"));
    assertTrue(text.contains("\n    db (native): unchanged\n        command "), text);
  }

  @Test
  void coloursOnlyTheMarkersAndOnlyWhenAsked() {
    ProfileDiff d = diff(SWITCH, "dev", "prod");
    String colour = new DiffText(false, Palette.ANSI).render(d);
    assertTrue(colour.contains("\u001b[33m+/-\u001b[0m db: native => docker"), colour);
    assertTrue(colour.contains("    \u001b[31m-  \u001b[0m workdir"), colour);
    assertEquals(DiffText.PLAIN.render(d), colour.replaceAll("\u001b\\[\\d+m", ""));
    assertFalse(DiffText.PLAIN.render(d).contains("\u001b"));
  }

  @Test
  void aBackendWithoutDeclaredCapabilitiesIsAnError() {
    Stack dev = DiffGoldenTest.load(SWITCH, "dev");
    Stack prod = DiffGoldenTest.load(SWITCH, "prod");
    Map<String, Capabilities> onlyNative = Map.of("native", BackendFixtures.nativeBackend(true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProfileDiff.compare(dev, prod, onlyNative));
    assertEquals("no capabilities known for backend 'docker' (known: native)", e.getMessage());
  }

  @Test
  void withCgroupsTheNativeSideEnforcesLimitsSoNoResourceNoteAppears() {
    ProfileDiff d = ProfileDiff.compare(DiffGoldenTest.load(SWITCH, "dev"), DiffGoldenTest.load(SWITCH, "prod"),
        BackendFixtures.both(true));
    assertTrue(d.services().stream().flatMap(s -> s.notes().stream()).noneMatch(n -> n.topic() == Note.Topic.RESOURCES));
  }

  @Test
  void anExecProbeMovesIntoTheContainerAndARestartChangeOnDockerIsExplained(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("stack.yaml");
    Files.writeString(file, """
        name: jobs
        services:
          job:
            image: jobs:1
            command: [./job]
            health: {exec: [./check]}
        profiles:
          prod2:
            backend: docker
            services:
              job: {restart: {max_backoff: 1m}}
        """);
    ProfileDiff moved = diff(file, "dev", "prod");
    List<String> notes = moved.services().get(0).notes().stream().map(Note::text).toList();
    assertTrue(notes.contains("health: the exec probe runs on the host on native => inside the container on docker"),
        notes::toString);

    ProfileDiff restart = diff(file, "prod", "prod2");
    assertEquals(List.of(new Note(Note.Topic.RESTART, "restart.backoff, max_backoff, max_restarts: docker's own restart"
        + " policy has no growing backoff; the agent marks a container errored once docker gives up")),
        restart.services().get(0).notes());
  }
}
