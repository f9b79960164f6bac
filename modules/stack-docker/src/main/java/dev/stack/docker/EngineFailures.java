package dev.stack.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.stack.core.spi.BackendException;

/** Turns what docker-java threw during an operation into one user-facing error. */
final class EngineFailures {

  private EngineFailures() {
  }

  /**
   * The error for {@code doing} (a phrase like {@code creating container shop-api-1}) failing with
   * {@code e}: the unreachable-engine error when the engine could not be talked to, else the
   * engine's own message. Engine-side (5xx) failures may pass, so they are retryable; refusals
   * (4xx: a bad request, a conflict) are not.
   */
  static BackendException of(DockerEngine engine, String doing, RuntimeException e) {
    if (EngineUnreachable.isConnectionFailure(e)) {
      return EngineUnreachable.from(engine.host(), e);
    }
    if (e instanceof DockerException d) {
      boolean retryable = d.getHttpStatus() >= 500;
      return new BackendException(doing + " failed: " + LocalImages.engineMessage(d), null, retryable, e);
    }
    return new BackendException(doing + " failed: " + e.getMessage(), null, true, e);
  }
}
