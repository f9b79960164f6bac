package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.stack.core.spi.BackendException;
import dev.stack.core.testing.DockerTestLabels;
import dev.stack.core.testing.RequiresDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresDocker
class ImageBuilderIT {

  @TempDir
  Path context;

  private final String caseId = DockerTestLabels.newCaseId();
  private final Map<String, String> labels = DockerTestLabels.forCase(caseId);
  private DockerEngine engine;

  @BeforeEach
  void engine() throws Exception {
    engine = DockerEngine.fromEnvironment();
    TestImages.requireBusybox(engine);
  }

  @AfterEach
  void cleanUp() throws Exception {
    TestCleanup.removeAll(engine.client(), caseId);
    engine.close();
  }

  @Test
  void buildsATaggedImageOnceAndRunsAContainerFromIt() throws Exception {
    Files.writeString(context.resolve("hello.txt"), "hello from the context\n");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM stack-busybox:1
        ARG GREETING
        COPY hello.txt /hello.txt
        RUN echo "greeting: $GREETING" > /greeting.txt
        CMD ["cat", "/hello.txt", "/greeting.txt"]
        """);
    ImageBuildRequest request = new ImageBuildRequest("stack-test-" + caseId, context, null,
        Map.of("GREETING", "hi"), labels);
    List<String> progress = new ArrayList<>();

    String image = new ImageBuilder(engine).build(request, progress::add);

    assertEquals(ImageBuilder.tagFor(request), image);
    assertTrue(image.matches("stack-test-" + caseId + ":[0-9a-f]{12}"), image);
    long contextBytes = Files.size(context.resolve("hello.txt")) + Files.size(context.resolve("Dockerfile"));
    assertEquals("building " + image + ": context of 2 files, " + contextBytes + " B", progress.get(0));
    // the engine adds one LABEL step per label: 5 steps of the Dockerfile, 3 labels
    assertTrue(progress.contains("Step 1/8 : FROM stack-busybox:1"), progress.toString());
    assertTrue(progress.contains("Step 5/8 : CMD [\"cat\", \"/hello.txt\", \"/greeting.txt\"]"), progress.toString());
    assertEquals("built " + image, progress.get(progress.size() - 1));
    assertEquals("hello from the context\ngreeting: hi\n", runAndReadLogs(image));

    List<String> again = new ArrayList<>();
    assertEquals(image, new ImageBuilder(engine).build(request, again::add));
    assertEquals(List.of("image " + image + " is up to date"), again);
  }

  @Test
  void aFailingStepIsOneErrorNamingTheImageAndTheCommand() throws Exception {
    // the case id in the command finds the step's container, if the build left it behind
    Files.writeString(context.resolve("Dockerfile"), "FROM stack-busybox:1\nRUN exit 3 # " + caseId + "\n");
    ImageBuildRequest request = new ImageBuildRequest("stack-test-" + caseId, context, null, Map.of(), labels);

    BackendException e = assertThrows(BackendException.class,
        () -> new ImageBuilder(engine).build(request, line -> { }));

    assertEquals("building image '" + ImageBuilder.tagFor(request) + "' failed: "
        + "The command '/bin/sh -c exit 3 # " + caseId + "' returned a non-zero code: 3", e.getMessage());
    assertEquals("fix Dockerfile or the context, then build again", e.hint());
    assertFalse(e.retryable());
    assertEquals(List.of(), engine.client().listContainersCmd().withShowAll(true).exec().stream()
        .filter(c -> c.getCommand().contains(caseId)).map(c -> c.getId()).toList(), "no step container is left");
  }

  @Test
  void aBaseImageThatIsMissingIsTheMissingImageError() throws Exception {
    String base = TestImages.missing(caseId);
    Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCMD [\"true\"]\n");
    ImageBuildRequest request = new ImageBuildRequest("stack-test-" + caseId, context, null, Map.of(), labels);

    BackendException e = assertThrows(BackendException.class,
        () -> new ImageBuilder(engine).build(request, line -> { }));

    String prefix = "image '" + base + "' is not present locally and cannot be pulled: ";
    assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().length() > prefix.length(), e.getMessage());
    assertFalse(e.retryable());
  }

  private String runAndReadLogs(String image) throws Exception {
    DockerClient docker = engine.client();
    String id = docker.createContainerCmd(image).withName("stack-test-" + caseId).withLabels(labels).exec().getId();
    docker.startContainerCmd(id).exec();
    int status = engine.streaming().waitContainerCmd(id).exec(new WaitContainerResultCallback())
        .awaitStatusCode(30, TimeUnit.SECONDS);
    assertEquals(0, status);
    StringBuilder out = new StringBuilder();
    docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        }).awaitCompletion(30, TimeUnit.SECONDS);
    docker.removeContainerCmd(id).exec();
    return out.toString();
  }
}
