package dev.stack.core.spi;

import dev.stack.model.Service;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one instance, already resolved for that backend: service
 * addresses replaced, secrets in clear (never log this record's env).
 *
 * @param id which instance
 * @param service the resolved service definition
 * @param argv entrypoint + command; empty on docker means "the image's default"
 * @param env environment to set, service addresses resolved (native: on top of the agent's
 *     environment as PM2 does; docker: exactly this plus the image's)
 * @param workdir absolute working folder on native; the container path (or null) on docker
 * @param runDir a folder private to this instance for the backend's own files (FIFOs, pid files)
 * @param specHash the hash of the canonical definition, so {@code up} can tell what changed
 * @param publishAddress where published ports bind when a port does not say (the profile's
 *     {@code publish_address}: 127.0.0.1 in dev, 0.0.0.0 in prod)
 * @param definition the canonical definition (secrets hashed), stored on containers so that
 *     {@code diff} can say which field changed; may be empty
 */
public record InstanceSpec(InstanceId id, Service service, List<String> argv, Map<String, String> env,
    String workdir, Path runDir, String specHash, String publishAddress, Map<String, Object> definition) {

  public InstanceSpec {
    argv = List.copyOf(argv);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    publishAddress = publishAddress == null ? "127.0.0.1" : publishAddress;
    definition = definition == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(definition));
  }

  /** A spec publishing on 127.0.0.1 without a stored definition (native instances, tests). */
  public InstanceSpec(InstanceId id, Service service, List<String> argv, Map<String, String> env,
      String workdir, Path runDir, String specHash) {
    this(id, service, argv, env, workdir, runDir, specHash, null, null);
  }

  /** Never prints the environment: it may hold secrets. */
  @Override
  public String toString() {
    return "InstanceSpec[" + id.qualified() + ", argv=" + argv + ", workdir=" + workdir + "]";
  }
}
