package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import dev.stack.core.testing.DockerTestLabels;
import dev.stack.core.testing.RequiresDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresDocker
class LocalImagesIT {

  @Test
  void aMissingImageThatCannotBePulledIsOneErrorWithinSeconds() throws Exception {
    String image = TestImages.missing(DockerTestLabels.newCaseId());
    List<String> progress = new ArrayList<>();
    try (DockerEngine engine = DockerEngine.fromEnvironment()) {
      long start = System.nanoTime();
      BackendException e = assertThrows(BackendException.class,
          () -> new LocalImages(engine).require(image, progress::add));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      String prefix = "image '" + image + "' is not present locally and cannot be pulled: ";
      assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
      assertTrue(e.getMessage().length() > prefix.length(), "the reason is given");
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertEquals("build it (a build: entry in the stack file, or docker build -t " + image
          + " .), or check its name and that its registry is reachable", e.hint());
      assertFalse(e.retryable());
      assertTrue(took.compareTo(LocalImages.PULL_IDLE_TIMEOUT.plusSeconds(2)) < 0, "took " + took);
      assertEquals(List.of("pulling " + image), progress, "one pull attempt");
      assertFalse(new LocalImages(engine).present(image));
    }
  }

  @Test
  void aPresentImageNeedsNoPull() throws Exception {
    try (DockerEngine engine = DockerEngine.fromEnvironment()) {
      TestImages.requireBusybox(engine);
      List<String> progress = new ArrayList<>();
      new LocalImages(engine).require(TestImages.BUSYBOX, progress::add);
      assertEquals(List.of(), progress);
    }
  }
}
