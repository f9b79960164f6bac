package dev.stack.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a Docker engine whether it answers ({@code GET /_ping}) with the JDK alone: stack-core may
 * not depend on docker-java, and a test gate should not need a client library to say "no engine".
 */
public final class DockerPing {

  /** Where the engine listens when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private DockerPing() {
  }

  /** {@code DOCKER_HOST} from the environment, or {@link #DEFAULT_HOST}. */
  public static String hostFromEnvironment() {
    String host = System.getenv("DOCKER_HOST");
    return host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
  }

  /**
   * The socket address of a {@code unix://} or {@code tcp://} engine host; empty for any other
   * scheme (ssh, npipe), which this probe cannot reach.
   */
  public static Optional<SocketAddress> address(String host) {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if ("unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty()) {
      return Optional.of(UnixDomainSocketAddress.of(uri.getPath()));
    }
    if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
      return Optional.of(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }
    return Optional.empty();
  }

  /** True when the engine at {@code host} answers its ping with 200 OK within {@code timeout}. */
  public static boolean answers(String host, Duration timeout) {
    Optional<SocketAddress> address = address(host);
    if (address.isEmpty()) {
      return false;
    }
    AtomicReference<SocketChannel> open = new AtomicReference<>();
    // its own daemon thread: a hung engine must not hold up a shared pool, nor the JVM's exit
    FutureTask<Boolean> ping = new FutureTask<>(() -> ping(address.get(), open));
    Thread thread = new Thread(ping, "docker-ping");
    thread.setDaemon(true);
    thread.start();
    try {
      return ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      closeQuietly(open.get()); // unblocks a read that is still waiting on a hung engine
    }
  }

  private static boolean ping(SocketAddress address, AtomicReference<SocketChannel> open) {
    ProtocolFamily family = address instanceof UnixDomainSocketAddress
        ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET;
    try (SocketChannel channel = SocketChannel.open(family)) {
      open.set(channel);
      channel.connect(address);
      // HTTP/1.0: the engine closes the connection after the answer, so reading to EOF is enough
      channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII)));
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(1024);
      while (channel.read(buffer) >= 0 && response.size() < 16_384) {
        buffer.flip();
        response.write(buffer.array(), 0, buffer.limit());
        buffer.clear();
      }
      String text = response.toString(StandardCharsets.US_ASCII);
      return text.startsWith("HTTP/1.") && text.split("\r\n", 2)[0].contains(" 200") && text.endsWith("OK");
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing only to unblock; nothing to report
      }
    }
  }
}
