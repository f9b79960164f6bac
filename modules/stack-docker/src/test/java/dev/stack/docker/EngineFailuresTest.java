package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.stack.core.spi.BackendException;
import org.junit.jupiter.api.Test;

/** What the user reads when the engine refuses an operation. */
class EngineFailuresTest {

  private DockerEngine engine;

  @org.junit.jupiter.api.BeforeEach
  void engine() throws BackendException {
    engine = DockerEngine.at("unix:///nonexistent/docker.sock"); // never reached: these failures name no connection
  }

  @Test
  void aHostPortAnotherProcessHoldsIsSaidAsSuchWithWhatToDo() {
    BackendException e = EngineFailures.of(engine, "starting container j5-b-1", new InternalServerErrorException(
        "Status 500: {\"message\":\"driver failed programming external connectivity on endpoint j5-b-1 (1e9c0d98): Error"
            + " starting userland proxy: listen tcp4 127.0.0.1:18182: bind: address already in use\"}"));
    assertEquals("starting container j5-b-1 failed: host port 127.0.0.1:18182 is in use on this machine", e.getMessage());
    assertEquals("stop what uses it ('ss -ltnp sport = :18182' shows it), or publish another host port", e.hint());
  }

  @Test
  void aHostPortAnotherContainerPublishesIsSaidTheSameWay() {
    BackendException e = EngineFailures.of(engine, "starting container shop-web-1", new InternalServerErrorException(
        "Status 500: {\"message\":\"driver failed programming external connectivity on endpoint shop-web-1 (ab12):"
            + " Bind for 0.0.0.0:8080 failed: port is already allocated\"}"));
    assertEquals("starting container shop-web-1 failed: host port 0.0.0.0:8080 is in use on this machine", e.getMessage());
  }

  @Test
  void anyOtherRefusalIsTheEnginesOwnMessage() {
    BackendException e = EngineFailures.of(engine, "removing container x", new NotFoundException(
        "Status 404: {\"message\":\"No such container: x\"}"));
    assertEquals("removing container x failed: No such container: x", e.getMessage());
    assertNull(e.hint());
    assertFalse(e.retryable());
  }
}
