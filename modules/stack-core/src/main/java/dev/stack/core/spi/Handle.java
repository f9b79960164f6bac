package dev.stack.core.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent persists to re-attach to an instance after it restarts (Nomad's TaskHandle):
 * e.g. a pid with the process start time (so a reused pid is never adopted), or a container id.
 *
 * @param backend the backend's name
 * @param fields backend-specific values, strings only so the state file stays plain JSON
 */
public record Handle(String backend, Map<String, String> fields) {

  public Handle {
    fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  public String get(String key) {
    return fields.get(key);
  }
}
