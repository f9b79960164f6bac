package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextDigestTest {

  @TempDir
  Path context;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM stack-busybox:1\nCOPY app /app\n");
    Files.createDirectories(context.resolve("app"));
    Files.writeString(context.resolve("app/run.sh"), "echo hi\n");
  }

  private String tag(Map<String, String> args, Map<String, String> labels) {
    return ImageBuilder.tagFor(new ImageBuildRequest("api", context, null, args, labels));
  }

  @Test
  void theTagIsTheNameAnd12HexOfTheContent() {
    String tag = tag(Map.of(), Map.of());
    assertTrue(tag.matches("api:[0-9a-f]{12}"), tag);
    assertEquals(tag, tag(Map.of(), Map.of()), "the same inputs give the same tag");
  }

  @Test
  void countsTheFilesAndBytesOfTheContext() throws Exception {
    BuildContextDigest digest = BuildContextDigest.of(ImageBuildRequest.of("api", context));
    assertEquals(2, digest.files());
    assertEquals(Files.size(context.resolve("Dockerfile")) + Files.size(context.resolve("app/run.sh")),
        digest.bytes());
  }

  @Test
  void everyInputChangesTheTag() throws Exception {
    String before = tag(Map.of(), Map.of());
    assertNotEquals(before, tag(Map.of("V", "1"), Map.of()), "a build argument");
    assertNotEquals(before, tag(Map.of(), Map.of("team", "a")), "a label");
    Files.writeString(context.resolve("app/run.sh"), "echo ho\n");
    String edited = tag(Map.of(), Map.of());
    assertNotEquals(before, edited, "a file's content");
    Files.move(context.resolve("app/run.sh"), context.resolve("app/start.sh"));
    assertNotEquals(edited, tag(Map.of(), Map.of()), "a file's name");
  }

  @Test
  void argumentsCountByValueNotByOrder() {
    assertEquals(tag(Map.of("A", "1", "B", "2"), Map.of()), tag(Map.of("B", "2", "A", "1"), Map.of()));
    assertNotEquals(tag(Map.of("A", "1=B"), Map.of()), tag(Map.of("A=1", "B"), Map.of()));
  }

  @Test
  void aRequestNamesItsImageWithoutTagAndKeepsItsDockerfileInsideTheContext() {
    assertThrows(IllegalArgumentException.class, () -> ImageBuildRequest.of("api:1", context));
    assertThrows(IllegalArgumentException.class, () -> ImageBuildRequest.of("Api", context));
    assertThrows(IllegalArgumentException.class,
        () -> new ImageBuildRequest("api", context, Path.of("../Dockerfile"), null, null));
    assertEquals(context.resolve("build/Dockerfile"),
        new ImageBuildRequest("api", context, Path.of("build/Dockerfile"), null, null).dockerfile());
  }

  @Test
  void contextSizesReadLikeDockersOwn() {
    assertEquals("512 B", ImageBuilder.humanBytes(512));
    assertEquals("1.5 KiB", ImageBuilder.humanBytes(1536));
    assertEquals("3.0 MiB", ImageBuilder.humanBytes(3 * 1024 * 1024));
  }
}
