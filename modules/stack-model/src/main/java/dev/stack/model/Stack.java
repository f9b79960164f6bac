package dev.stack.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stack resolved for one profile.
 *
 * @param name the stack's name (the {@code name:} key, else the folder's name)
 * @param file the stack file, absolute
 * @param profile the profile it was resolved for
 * @param backend the profile's backend (services may override it: a hybrid stack)
 * @param publishAddress the address published ports bind to when the port does not say
 *     (127.0.0.1 in dev, 0.0.0.0 in prod)
 * @param services services in the order written
 * @param volumes named volumes the stack owns
 */
public record Stack(String name, Path file, String profile, String backend, String publishAddress,
    Map<String, Service> services, java.util.List<String> volumes) {

  public Stack {
    if (name == null || file == null || profile == null || backend == null) {
      throw new IllegalArgumentException("stack needs name, file, profile and backend");
    }
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    volumes = volumes == null ? java.util.List.of() : java.util.List.copyOf(volumes);
  }

  /** The folder relative paths are resolved against. */
  public Path dir() {
    return file.getParent();
  }

  /** Whether services run on more than one backend. */
  public boolean hybrid() {
    return services.values().stream().map(Service::backend).distinct().count() > 1;
  }
}
