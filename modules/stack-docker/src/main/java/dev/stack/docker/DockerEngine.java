package dev.stack.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The local Docker engine as docker-java sees it: where it is ({@code DOCKER_HOST}, else
 * {@code unix:///var/run/docker.sock}) and two clients on it. {@link #client()} bounds every
 * answer, for calls that return at once; {@link #streaming()} waits as long as it takes, for
 * builds, pulls, followed logs, events and waits, which may be silent for minutes.
 */
public final class DockerEngine implements AutoCloseable {

  /** How long connecting to the engine may take before it counts as not answering. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** How long a plain API call may wait for its answer. */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final DockerClientConfig config;
  private final DockerClient client;
  private DockerClient streaming;
  private DockerHttpClient streamingHttp;

  /**
   * Connections per client. Not a throttle: a start takes the engine a second or more under load
   * and a stop holds its connection for the whole grace, so a pool smaller than the stack made the
   * 51st container's start or stop wait for another's to end (docker-java's default is 100, and
   * stack's was 50). Idle connections are cheap unix sockets and the engine does its own queueing.
   */
  static final int MAX_CONNECTIONS = 4096;

  private DockerEngine(DockerClientConfig config) {
    this.config = config;
    this.client = newClient(config, RESPONSE_TIMEOUT);
  }

  /** The engine named by the environment ({@code DOCKER_HOST} and docker-java's own settings). */
  public static DockerEngine fromEnvironment() throws BackendException {
    String host = System.getenv("DOCKER_HOST");
    return create(() -> DefaultDockerClientConfig.createDefaultConfigBuilder().build(), host);
  }

  /** The engine at {@code dockerHost}, such as {@code unix:///run/docker.sock} or {@code tcp://h:2375}. */
  public static DockerEngine at(String dockerHost) throws BackendException {
    return create(() -> DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost).build(), dockerHost);
  }

  private static DockerEngine create(Supplier<DockerClientConfig> config, String host) throws BackendException {
    try {
      return new DockerEngine(config.get());
    } catch (RuntimeException e) {
      throw new BackendException("DOCKER_HOST is not an engine address: '" + host + "' (" + e.getMessage() + ")",
          "use unix:///path/to/docker.sock or tcp://HOST:2375, or unset DOCKER_HOST", false, e);
    }
  }

  private static DockerClient newClient(DockerClientConfig config, Duration responseTimeout) {
    return DockerClientImpl.getInstance(config, newHttpClient(config, responseTimeout, MAX_CONNECTIONS));
  }

  private static DockerHttpClient newHttpClient(DockerClientConfig config, Duration responseTimeout,
      int maxConnections) {
    ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(maxConnections)
        .connectionTimeout(CONNECT_TIMEOUT);
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return http.build();
  }

  /** Where the engine is, as the user would write {@code DOCKER_HOST}. */
  public String host() {
    return config.getDockerHost().toString();
  }

  /** The client for calls that answer at once; no answer within {@link #RESPONSE_TIMEOUT} fails. */
  public DockerClient client() {
    return client;
  }

  /** The client for long streams (build, pull, logs -f, events, wait): no response timeout. */
  public synchronized DockerClient streaming() {
    if (streaming == null) {
      streaming = newClient(config, null);
    }
    return streaming;
  }

  /**
   * The engine's HTTP API itself, without a response timeout, for streams whose framing matters
   * ({@code logs}: docker-java splits frames into 1 KiB pieces and loses where a message ends).
   */
  public synchronized DockerHttpClient streamingHttp() {
    if (streamingHttp == null) {
      // one connection per followed container, held while it runs
      streamingHttp = newHttpClient(config, null, MAX_CONNECTIONS);
    }
    return streamingHttp;
  }

  /**
   * Checks that the engine answers.
   *
   * @throws BackendException naming the host and why it cannot be reached, with a hint; retryable
   *     when the engine may simply not be up yet
   */
  public void ping() throws BackendException {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      throw EngineUnreachable.from(host(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    client.close();
    if (streaming != null) {
      streaming.close();
    }
    if (streamingHttp != null) {
      streamingHttp.close();
    }
  }
}
