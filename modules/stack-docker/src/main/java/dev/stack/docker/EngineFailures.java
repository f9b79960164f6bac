package dev.stack.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.stack.core.spi.BackendException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what docker-java threw during an operation into one user-facing error. */
final class EngineFailures {

  /**
   * The engine cannot publish a port something else holds: "Bind for 0.0.0.0:8080 failed: port is
   * already allocated" (another container), "listen tcp4 127.0.0.1:8080: bind: address already in
   * use" (another process). Group 1 or 2: the address and port.
   */
  private static final Pattern PORT_IN_USE = Pattern.compile(
      "Bind for (\\S+:\\d+) failed: port is already allocated|listen (?:tcp|udp)[46]? (\\S+:\\d+): bind: address already in use");

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
      String message = LocalImages.engineMessage(d);
      Matcher busy = PORT_IN_USE.matcher(message);
      if (busy.find()) {
        String address = busy.group(1) != null ? busy.group(1) : busy.group(2);
        String port = address.substring(address.lastIndexOf(':') + 1);
        return new BackendException(doing + " failed: host port " + address + " is in use on this machine", "stop what"
            + " uses it ('ss -ltnp sport = :" + port + "' shows it), or publish another host port", true, e);
      }
      return new BackendException(doing + " failed: " + message, null, retryable, e);
    }
    return new BackendException(doing + " failed: " + e.getMessage(), null, true, e);
  }
}
