package dev.stack.agent.supervisor;

import dev.stack.core.address.Addresses;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Canonical;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a resolved service into the {@link InstanceSpec} its backend runs: argv, environment with
 * service addresses resolved for that backend, working folder, private run folder, definition hash.
 */
final class SpecFactory {

  private final Path runRoot;
  private final Function<Map<String, Object>, String> hasher;

  /**
   * @param runRoot where instances get their private run folders ({@code $STACK_HOME/run})
   * @param hasher the hash of a service's canonical definition ({@link Canonical.Mode#HASHED})
   */
  SpecFactory(Path runRoot, Function<Map<String, Object>, String> hasher) {
    this.runRoot = runRoot;
    this.hasher = hasher;
  }

  /**
   * @param callerEnv the environment of the CLI that ran {@code up}: native services inherit it, as
   *     PM2's do; containers get only their own environment
   */
  InstanceSpec create(Stack stack, Service service, int index, Map<String, String> callerEnv)
      throws Addresses.UnresolvedReference {
    InstanceId id = new InstanceId(stack.name(), service.name(), index);
    List<String> argv = new ArrayList<>(service.entrypoint());
    argv.addAll(service.command());
    Map<String, String> env = new LinkedHashMap<>();
    boolean nativeBackend = "native".equals(service.backend());
    if (nativeBackend) {
      env.putAll(callerEnv);
    }
    env.putAll(Addresses.environment(stack, service));
    // Every instance learns who it is; a native replica also learns its own port of the range.
    env.put("STACK_NAME", stack.name());
    env.put("STACK_SERVICE", service.name());
    env.put("STACK_INSTANCE", Integer.toString(index));
    if (!service.ports().isEmpty()) {
      Port first = service.ports().get(0);
      env.put("STACK_PORT", Integer.toString(nativeBackend ? first.instancePort(index) : first.containerPort()));
    }
    String workdir = service.workdir();
    if (nativeBackend) {
      workdir = stack.dir().resolve(workdir == null ? "." : workdir).normalize().toString();
    }
    Path runDir = runRoot.resolve(stack.name()).resolve(id.displayName());
    // The publish address belongs to the profile, not the service: include it so a change recreates.
    Map<String, Object> definition = Canonical.of(service, Canonical.Mode.HASHED);
    // how many instances the service has is not part of what one of them runs: scaling from 3 to 1
    // removes two and keeps the first as it runs (Compose's --scale, pm2 scale)
    definition.remove("replicas");
    // nor what it watches: a change of watch: applies at the next up, without a restart
    definition.remove("watch");
    String hash = service.backend() + ":" + hasher.apply(definition) + "@" + stack.publishAddress();
    return new InstanceSpec(id, service, argv, env, workdir, runDir, hash, stack.publishAddress(), definition);
  }
}
