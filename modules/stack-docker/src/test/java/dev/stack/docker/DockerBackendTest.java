package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Capabilities;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What needs no engine: loading, capabilities, and the error when the engine is down. */
class DockerBackendTest {

  @TempDir
  Path dir;

  @Test
  void isFoundByServiceLoaderAndCostsNothingToMake() {
    Backend docker = ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get)
        .filter(b -> b.name().equals("docker")).findFirst().orElseThrow();
    assertTrue(docker instanceof DockerBackend);
    Capabilities c = docker.capabilities();
    assertTrue(c.filesystemIsolation() && c.networkIsolation() && c.restartWithoutAgent() && c.signals()
        && c.hardening());
    assertFalse(c.growingBackoff());
    assertEquals(new Capabilities.Enforcement(true, "docker"), c.resources());
    docker.close();
  }

  @Test
  void anEngineThatIsDownIsTheOneRetryableError() throws Exception {
    String host = "unix://" + dir.resolve("docker.sock");
    try (DockerBackend backend = new DockerBackend(() -> DockerEngine.at(host), Map.of())) {
      BackendException e = assertThrows(BackendException.class,
          () -> backend.prepare(TestServices.service("api", "true").spec("shop"), line -> { }));
      assertEquals("cannot reach the Docker engine at " + host + " (connection refused)", e.getMessage());
      assertEquals("start it (sudo systemctl start docker, or dockerd &) or set DOCKER_HOST", e.hint());
      assertTrue(e.retryable());

      e = assertThrows(BackendException.class,
          () -> backend.start(TestServices.service("api", "true").spec("shop"), new RecordingSink()));
      assertEquals("cannot reach the Docker engine at " + host + " (connection refused)", e.getMessage());
      assertTrue(backend.recover(new dev.stack.core.spi.Handle("docker", Map.of("container", "abc")),
          TestServices.service("api").spec("shop"), new RecordingSink()).isEmpty());
    }
  }
}
