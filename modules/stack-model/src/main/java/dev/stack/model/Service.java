package dev.stack.model;

import dev.stack.model.yaml.Mark;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of a stack, fully resolved for one profile: profile overlays merged, {@code ${VAR}}
 * interpolated, defaults applied. Service references ({@code ${svc.NAME.host}}) stay symbolic.
 *
 * @param name the service's name (a DNS label)
 * @param backend the backend that runs it: {@code native}, {@code docker} (later {@code swarm})
 * @param command argv; empty means "the image's default" (docker only)
 * @param entrypoint argv prefix; empty means "the image's default"
 * @param image the image the container backend runs, or null
 * @param build how to build the image, or null
 * @param workdir working folder: on native an absolute path (the stack file's folder by default); on
 *     docker a path inside the container as written, or null for the image's
 * @param env environment, in order written; env_file values first, then env overrides
 * @param envFiles the env files read, as absolute paths (for display)
 * @param ports ports the service binds or publishes
 * @param volumes mounts (container backend)
 * @param dependsOn services this one waits for, and for what
 * @param health the health probe, or null
 * @param restart restart policy
 * @param stop stop signal and timeout
 * @param resources limits
 * @param logs log rotation
 * @param replicas number of instances
 * @param user user to run as, or null
 * @param security hardening
 * @param init run an init process as PID 1 in the container (reaps zombies, forwards signals)
 * @param watch restart on file change, or null
 * @param mark where the service is defined
 */
public record Service(
    String name,
    String backend,
    List<String> command,
    List<String> entrypoint,
    String image,
    Build build,
    String workdir,
    Map<String, EnvValue> env,
    List<String> envFiles,
    List<Port> ports,
    List<Volume> volumes,
    Map<String, Condition> dependsOn,
    Health health,
    RestartPolicy restart,
    StopSpec stop,
    Resources resources,
    LogSpec logs,
    int replicas,
    String user,
    Security security,
    boolean init,
    Watch watch,
    Mark mark) {

  public Service {
    if (name == null || name.isEmpty() || backend == null) {
      throw new IllegalArgumentException("service needs a name and a backend");
    }
    command = command == null ? List.of() : List.copyOf(command);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
    ports = ports == null ? List.of() : List.copyOf(ports);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    dependsOn = dependsOn == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
    restart = restart == null ? RestartPolicy.DEFAULT : restart;
    stop = stop == null ? StopSpec.DEFAULT : stop;
    resources = resources == null ? Resources.NONE : resources;
    logs = logs == null ? LogSpec.DEFAULT : logs;
    security = security == null ? Security.NONE : security;
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must not be negative");
    }
  }

  /** The first port's container port, which {@code ${svc.NAME.port}} means; 0 when it has none. */
  public int firstPort() {
    return ports.isEmpty() ? 0 : ports.get(0).containerPort();
  }
}
