package dev.stack.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.stack.core.testing.DockerTestLabels;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test case's backend on the engine of the environment, as a JUnit extension
 * ({@code @RegisterExtension}): everything it creates carries the case's labels, and after each
 * test all of that is removed, and nothing else.
 */
final class BackendFixture implements BeforeEachCallback, AfterEachCallback {

  String caseId;
  DockerEngine engine;
  DockerBackend backend;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    caseId = DockerTestLabels.newCaseId();
    engine = DockerEngine.fromEnvironment();
    TestImages.requireBusybox(engine);
    backend = new DockerBackend(DockerEngine::fromEnvironment, DockerTestLabels.forCase(caseId));
  }

  /** A stack name of this case: unique, so parallel runs never meet. */
  String stack(String suffix) {
    return caseId + suffix;
  }

  DockerClient docker() {
    return engine.client();
  }

  Optional<InspectContainerResponse> inspect(String name) {
    try {
      return Optional.of(docker().inspectContainerCmd(name).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  boolean networkExists(String name) {
    return docker().listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
  }

  /** What the docker CLI prints for {@code args}, as a user would see it, trimmed. */
  static String cli(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("docker"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    backend.close();
    TestCleanup.removeAll(engine.client(), caseId);
    engine.close();
  }
}
