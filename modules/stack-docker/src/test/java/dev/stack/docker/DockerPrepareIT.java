package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Running;
import dev.stack.core.testing.RequiresDocker;
import dev.stack.model.Build;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@RequiresDocker
class DockerPrepareIT {

  @TempDir
  Path context;

  @RegisterExtension
  final BackendFixture f = new BackendFixture();

  @Test
  void aMissingImageIsOneErrorNamingIt() {
    String stack = f.stack("i");
    TestServices s = TestServices.service("db");
    s.image = TestImages.missing(f.caseId);
    BackendException e = assertThrows(BackendException.class, () -> f.backend.prepare(s.spec(stack), line -> { }));
    String prefix = "image '" + s.image + "' is not present locally and cannot be pulled: ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals("build it (a build: entry in the stack file, or docker build -t " + s.image
        + " .), or check its name and that its registry is reachable", e.hint());
    assertFalse(e.retryable());
  }

  @Test
  void aBuildEntryIsBuiltWithProgressAndRun() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM stack-busybox:1
        RUN echo built > /built.txt
        CMD ["cat", "/built.txt"]
        """);
    String stack = f.stack("u");
    TestServices s = TestServices.service("api");
    s.build = new Build(context.toString(), null, Map.of(), null);
    List<String> progress = new ArrayList<>();
    f.backend.prepare(s.spec(stack), progress::add);
    assertTrue(progress.get(0).startsWith("building " + stack + "-api:"), progress.toString());
    assertTrue(progress.stream().anyMatch(l -> l.matches("Step 1/\\d+ : FROM stack-busybox:1")), progress.toString());
    assertTrue(progress.get(progress.size() - 1).startsWith("built " + stack + "-api:"), progress.toString());

    RecordingSink sink = new RecordingSink();
    Running r = f.backend.start(s.spec(stack), sink);
    assertTrue(r.exit().get(10, TimeUnit.SECONDS).success());
    assertEquals(List.of("built"), sink.texts());
  }

  @Test
  void aContextChangedSinceTheLastBuildIsRunAfterItsPrepareNotTheContainerOfTheOldImage() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM stack-busybox:1\nCOPY msg.txt /msg.txt\nCMD [\"cat\", \"/msg.txt\"]\n");
    Files.writeString(context.resolve("msg.txt"), "v1\n");
    String stack = f.stack("c");
    TestServices s = TestServices.service("app");
    s.build = new Build(context.toString(), null, Map.of(), null);
    f.backend.prepare(s.spec(stack), line -> { });
    RecordingSink first = new RecordingSink();
    Running v1 = f.backend.start(s.spec(stack), first);
    assertTrue(v1.exit().get(10, TimeUnit.SECONDS).success());
    assertEquals(List.of("v1"), first.texts());

    // the code changes; a restart prepares (builds the new image) and starts the same definition
    Files.writeString(context.resolve("msg.txt"), "v2\n");
    f.backend.prepare(s.spec(stack), line -> { });
    RecordingSink second = new RecordingSink();
    Running v2 = f.backend.start(s.spec(stack), second);
    assertTrue(v2.exit().get(10, TimeUnit.SECONDS).success());
    assertEquals(List.of("v2"), second.texts());
    assertFalse(v1.handle().get("container").equals(v2.handle().get("container")), "a new container of the new image");
  }
}
