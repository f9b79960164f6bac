package dev.stack.agent.supervisor;

import dev.stack.model.Service;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for instances a new agent finds running whose service is no longer in the stack file
 * (or moved to another backend): enough to supervise and stop them with the default stop signal
 * and timeout; {@code up} then removes them.
 */
final class Placeholders {

  private Placeholders() {}

  static Service service(String name, String backend) {
    return new Service(name, backend, List.of(), List.of(), null, null, null, Map.of(), List.of(), List.of(),
        List.of(), Map.of(), null, null, null, null, null, 1, null, null, true, null, null);
  }
}
