package dev.stack.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Turns whatever docker-java threw when the engine did not answer into one user-facing error. */
final class EngineUnreachable {

  static final String START_HINT = "start it (sudo systemctl start docker, or dockerd &) or set DOCKER_HOST";

  private EngineUnreachable() {
  }

  /**
   * The unreachable-engine error when {@code failure} is a connection failure (its root cause an
   * {@link IOException}); anything else is rethrown as it is: a bug must not pass for an engine
   * that is down.
   */
  static BackendException ifConnectionFailure(String host, RuntimeException failure) {
    if (isConnectionFailure(failure)) {
      return from(host, failure);
    }
    throw failure;
  }

  /** Whether {@code failure} means the engine could not be talked to at all. */
  static boolean isConnectionFailure(Throwable failure) {
    return rootCause(failure) instanceof IOException;
  }

  /** The error for a failed call to the engine at {@code host}. */
  static BackendException from(String host, RuntimeException failure) {
    Throwable root = rootCause(failure);
    String text = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
    String prefix = "cannot reach the Docker engine at " + host + " (";
    if (text.contains("permission denied")) {
      return new BackendException(prefix + "permission denied)",
          "add your user to the docker group (then log in again), or set DOCKER_HOST", false, failure);
    }
    if (root instanceof UnknownHostException) {
      return new BackendException(prefix + "unknown host)", "check DOCKER_HOST", false, failure);
    }
    if (root instanceof SocketTimeoutException || text.contains("timed out")) {
      return new BackendException(prefix + "no answer within " + DockerEngine.CONNECT_TIMEOUT.toSeconds() + " s)",
          START_HINT, true, failure);
    }
    if (root.getClass().getSimpleName().equals("NoHttpResponseException")) {
      // the engine closed the connection without answering: it is going down (or restarting)
      return new BackendException(prefix + "closed the connection without an answer)", START_HINT, true, failure);
    }
    if (failure instanceof DockerException http) {
      // something answered, but not the way an engine answers its ping
      return new BackendException(prefix + "not a Docker engine: HTTP " + http.getHttpStatus() + ")",
          "check DOCKER_HOST", false, failure);
    }
    if (root instanceof ConnectException || text.contains("connection refused")
        || text.contains("no such file or directory")) {
      // a socket file without a listener and no socket file at all mean the same: nothing listens
      return new BackendException(prefix + "connection refused)", START_HINT, true, failure);
    }
    return new BackendException(prefix + root.getMessage() + ")", START_HINT, true, failure);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
