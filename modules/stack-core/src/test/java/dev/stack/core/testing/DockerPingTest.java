package dev.stack.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerPingTest {

  @TempDir
  Path dir;

  @Test
  void readsUnixAndTcpHostsAndRefusesOthers() {
    assertEquals(Optional.of(UnixDomainSocketAddress.of("/run/x.sock")), DockerPing.address("unix:///run/x.sock"));
    assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 2375)), DockerPing.address("tcp://127.0.0.1:2375"));
    assertEquals(Optional.empty(), DockerPing.address("ssh://me@box"));
    assertEquals(Optional.empty(), DockerPing.address("not a uri"));
  }

  @Test
  void anEngineAnsweringOkAnswers() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("ok.sock"),
        "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK")) {
      assertTrue(DockerPing.answers(engine.host(), Duration.ofSeconds(3)));
    }
  }

  @Test
  void anErrorStatusIsNoAnswer() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("err.sock"),
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nOK")) {
      assertFalse(DockerPing.answers(engine.host(), Duration.ofSeconds(3)));
    }
  }

  @Test
  void aMissingSocketIsNoAnswer() {
    assertFalse(DockerPing.answers("unix://" + dir.resolve("none.sock"), Duration.ofSeconds(3)));
  }

  @Test
  void aSilentEngineIsNoAnswerOnceTheTimeoutPasses() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("silent.sock"), null)) {
      long start = System.nanoTime();
      assertFalse(DockerPing.answers(engine.host(), Duration.ofMillis(300)));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 10_000, "gave up on the silent engine");
    }
  }

  /** Answers one connection with a fixed response, or holds it open in silence when null. */
  private static final class FakeEngine implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread thread;

    FakeEngine(Path socket, String response) throws IOException {
      this.socket = socket;
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      thread = new Thread(() -> serve(response));
      thread.setDaemon(true);
      thread.start();
    }

    private void serve(String response) {
      try (SocketChannel client = server.accept()) {
        client.read(ByteBuffer.allocate(1024));
        if (response == null) {
          client.read(ByteBuffer.allocate(1024)); // blocks until the prober gives up and closes
          return;
        }
        client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
      } catch (IOException ignored) {
        // the prober closed first
      }
    }

    String host() {
      return "unix://" + socket;
    }

    @Override
    public void close() throws Exception {
      server.close();
      thread.join(2_000);
    }
  }
}
