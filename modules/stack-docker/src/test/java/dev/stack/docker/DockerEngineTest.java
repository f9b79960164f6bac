package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import dev.stack.model.Problem;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine-down errors, with no engine needed: DOCKER_HOST points where nothing listens. */
class DockerEngineTest {

  private static final String HINT = "start it (sudo systemctl start docker, or dockerd &) or set DOCKER_HOST";

  @TempDir
  Path dir;

  @Test
  void aSocketPathThatDoesNotExistIsConnectionRefused() throws Exception {
    String host = "unix://" + dir.resolve("docker.sock");
    try (DockerEngine engine = DockerEngine.at(host)) {
      BackendException e = assertThrows(BackendException.class, engine::ping);
      assertEquals("cannot reach the Docker engine at " + host + " (connection refused)", e.getMessage());
      assertEquals(HINT, e.hint());
      assertEquals("error: " + e.getMessage() + "\n  hint: " + HINT, new Problem(null, null, e.getMessage(), e.hint()).format());
      assertTrue(e.retryable(), "an engine that is not up yet may come up");
    }
  }

  @Test
  void aSocketNobodyListensOnIsConnectionRefused() throws Exception {
    Path socket = dir.resolve("stale.sock");
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file: a stale socket
    }
    try (DockerEngine engine = DockerEngine.at("unix://" + socket)) {
      BackendException e = assertThrows(BackendException.class, engine::ping);
      assertEquals("cannot reach the Docker engine at unix://" + socket + " (connection refused)",
          e.getMessage());
    }
  }

  @Test
  void aMissingDockerfileIsSaidBeforeTheEngineIsAsked() throws Exception {
    try (DockerEngine engine = DockerEngine.at("unix://" + dir.resolve("docker.sock"))) {
      BackendException e = assertThrows(BackendException.class,
          () -> new ImageBuilder(engine).build(ImageBuildRequest.of("api", dir), line -> { }));
      assertEquals("no Dockerfile at " + dir.resolve("Dockerfile"), e.getMessage());
      assertFalse(e.retryable());
    }
  }

  @Test
  void onlyConnectionFailuresPassForAnUnreachableEngine() {
    RuntimeException bug = new IllegalStateException("a bug");
    assertEquals(bug, assertThrows(IllegalStateException.class,
        () -> EngineUnreachable.ifConnectionFailure("unix:///x.sock", bug)));
    RuntimeException refused = new RuntimeException(new ConnectException("Connection refused"));
    assertEquals("cannot reach the Docker engine at unix:///x.sock (connection refused)",
        EngineUnreachable.ifConnectionFailure("unix:///x.sock", refused).getMessage());
  }

  @Test
  void anEngineClosingTheConnectionWithoutAnswerIsSaidSoNotAsAFakeTcpAddress() {
    RuntimeException closed = new RuntimeException(
        new org.apache.hc.core5.http.NoHttpResponseException("localhost:2375 failed to respond"));
    BackendException e = EngineUnreachable.ifConnectionFailure("unix:///x.sock", closed);
    assertEquals("cannot reach the Docker engine at unix:///x.sock (closed the connection without an answer)",
        e.getMessage());
    assertTrue(e.retryable());
  }

  @Test
  void anAddressThatIsNoEngineAddressIsSaidSo() {
    BackendException e = assertThrows(BackendException.class, () -> DockerEngine.at("ftp://box"));
    assertTrue(e.getMessage().startsWith("DOCKER_HOST is not an engine address: 'ftp://box' ("), e.getMessage());
    assertEquals("use unix:///path/to/docker.sock or tcp://HOST:2375, or unset DOCKER_HOST", e.hint());
    assertFalse(e.retryable());
  }

  @Test
  void theEnvironmentsDockerHostIsHonouredAndNothingElseReachesTheConsole() throws Exception {
    String host = "unix://" + dir.resolve("nowhere.sock");
    ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PingFromEnvironment.class.getName())
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    java.environment().put("DOCKER_HOST", host);
    Process child = java.start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));

    assertEquals(List.of("error: cannot reach the Docker engine at " + host + " (connection refused)",
        "  hint: " + HINT), Files.readAllLines(dir.resolve("out")));
    assertEquals("", Files.readString(dir.resolve("err")), "docker-java's logging stays off the console");
    assertEquals(1, child.exitValue());
  }

  /** A user's view: ping the engine of the environment, print the error as the CLI would. */
  static final class PingFromEnvironment {
    public static void main(String[] args) throws Exception {
      try (DockerEngine engine = DockerEngine.fromEnvironment()) {
        engine.ping();
      } catch (BackendException e) {
        System.out.println(new Problem(null, null, e.getMessage(), e.hint()).format());
        System.exit(1);
      }
    }
  }
}
