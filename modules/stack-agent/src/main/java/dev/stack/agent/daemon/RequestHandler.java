package dev.stack.agent.daemon;

import dev.stack.agent.protocol.Request;
import java.util.Map;

/** Does what one operation of the protocol asks. Runs on the connection's own thread. */
@FunctionalInterface
public interface RequestHandler {

  /**
   * Handles a request.
   *
   * @param events where progress and log events go to the CLI while the request runs
   * @return the result sent to the CLI; null sends an empty object
   * @throws RequestException when the operation fails, with what the user should see
   */
  Map<String, Object> handle(Request request, EventSink events) throws RequestException;
}
