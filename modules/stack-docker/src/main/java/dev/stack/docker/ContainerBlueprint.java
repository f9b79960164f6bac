package dev.stack.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.Security;
import dev.stack.model.Service;
import dev.stack.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one instance becomes one container: the whole service model mapped onto the engine's
 * create call, computed without the engine so that it can be checked field by field.
 *
 * @param name the container's name, {@code <stack>-<service>-<n>}
 * @param image the image to run
 * @param entrypoint the entrypoint, or empty for the image's
 * @param cmd the command, or empty for the image's
 * @param env {@code KEY=VALUE}, exactly the instance's environment
 * @param workdir the working folder in the container, or null for the image's
 * @param user the user, or null for the image's
 * @param labels ownership labels and the stored definition
 * @param exposed every container port the service declares
 * @param host limits, mounts, published ports, restart policy, hardening, network
 * @param stopSignal {@code SIGTERM} and the like
 * @param stopTimeoutSeconds the grace the engine gives before SIGKILL
 * @param aliases the names the container answers to on the stack network
 */
record ContainerBlueprint(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
    String workdir, String user, Map<String, String> labels, List<ExposedPort> exposed, HostConfig host,
    String stopSignal, int stopTimeoutSeconds, List<String> aliases) {

  /** So that containers reach services running natively on the host (DESIGN.md, hybrid stacks). */
  static final String HOST_GATEWAY = "host.docker.internal:host-gateway";
  static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";

  /**
   * The container of {@code spec}, running {@code image}, attached to {@code network}.
   *
   * @throws BackendException when the definition names something the engine cannot do (an unknown
   *     capability), not retryable
   */
  static ContainerBlueprint of(InstanceSpec spec, String image, String network, Map<String, String> extraLabels)
      throws BackendException {
    Service service = spec.service();
    List<String> entrypoint = List.of();
    List<String> cmd = spec.argv();
    List<String> declared = service.entrypoint();
    if (!declared.isEmpty() && spec.argv().size() >= declared.size()) {
      // argv is entrypoint + command, resolved: split it where the declared entrypoint ends
      entrypoint = spec.argv().subList(0, declared.size());
      cmd = spec.argv().subList(declared.size(), spec.argv().size());
    }
    List<String> env = new ArrayList<>();
    spec.env().forEach((k, v) -> env.add(k + "=" + v));

    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (Port port : service.ports()) {
      for (int i = 0; i < port.count(); i++) {
        ExposedPort p = new ExposedPort(port.containerPort() + i, InternetProtocol.parse(port.protocol()));
        exposed.add(p);
        if (port.published()) {
          String ip = port.hostIp() != null ? port.hostIp() : spec.publishAddress();
          bindings.bind(p, Ports.Binding.bindIpAndPort(ip, port.hostPort() + i));
        }
      }
    }
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(network)
        .withInit(service.init())
        .withPortBindings(bindings)
        .withBinds(binds(spec))
        .withRestartPolicy(restartPolicy(service.restart()))
        .withExtraHosts(HOST_GATEWAY);
    limits(host, service.resources());
    harden(host, service.security(), service.name());
    long stopMillis = service.stop().timeout().toMillis();
    return new ContainerBlueprint(spec.id().qualified(), image, List.copyOf(entrypoint), List.copyOf(cmd),
        List.copyOf(env), spec.workdir(), service.user(), Labels.forContainer(spec, extraLabels),
        List.copyOf(exposed), host, "SIG" + service.stop().signal(), (int) ((stopMillis + 999) / 1000),
        List.of(service.name()));
  }

  /** The engine's restart policy for a stack policy: Docker's own, so containers outlive the agent. */
  static RestartPolicy restartPolicy(dev.stack.model.RestartPolicy restart) {
    return switch (restart.policy()) {
      // unless-stopped: a container stack stopped stays stopped when the engine restarts
      case ALWAYS -> RestartPolicy.unlessStoppedRestart();
      // Docker reads a maximum of 0 as "no limit": no restarts at all is "no"
      case ON_FAILURE -> restart.maxRestarts() == 0 ? RestartPolicy.noRestart()
          : RestartPolicy.onFailureRestart(restart.maxRestarts());
      case NO -> RestartPolicy.noRestart();
    };
  }

  /** The name of a stack's named volume: {@code <stack>_<name>}, as Compose names them. */
  static String volumeName(String stack, String volume) {
    return stack + "_" + volume;
  }

  private static List<Bind> binds(InstanceSpec spec) {
    List<Bind> binds = new ArrayList<>();
    for (Volume v : spec.service().volumes()) {
      String source = v.type() == Volume.Type.VOLUME ? volumeName(spec.id().stack(), v.source()) : v.source();
      binds.add(new Bind(source, new com.github.dockerjava.api.model.Volume(v.target()),
          v.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    return binds;
  }

  private static void limits(HostConfig host, Resources resources) {
    if (resources.memory() != null) {
      host.withMemory(resources.memory().bytes());
    }
    if (resources.cpus() != null) {
      host.withNanoCPUs(Math.round(resources.cpus() * 1e9));
    }
    if (resources.pids() != null) {
      host.withPidsLimit(resources.pids().longValue());
    }
  }

  private static void harden(HostConfig host, Security security, String service) throws BackendException {
    if (security.noNewPrivileges()) {
      host.withSecurityOpts(List.of(NO_NEW_PRIVILEGES));
    }
    if (!security.capDrop().isEmpty()) {
      host.withCapDrop(capabilities(security.capDrop(), service));
    }
    if (!security.capAdd().isEmpty()) {
      host.withCapAdd(capabilities(security.capAdd(), service));
    }
    if (security.readOnly()) {
      host.withReadonlyRootfs(true);
    }
    if (!security.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      security.tmpfs().forEach(path -> tmpfs.put(path, ""));
      host.withTmpFs(tmpfs);
    }
  }

  private static Capability[] capabilities(List<String> names, String service) throws BackendException {
    Capability[] caps = new Capability[names.size()];
    for (int i = 0; i < caps.length; i++) {
      String name = names.get(i).toUpperCase(Locale.ROOT);
      name = name.startsWith("CAP_") ? name.substring(4) : name;
      try {
        caps[i] = Capability.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new BackendException("services." + service + ".security: unknown capability '" + names.get(i) + "'",
            "use a name from capabilities(7) without CAP_, such as NET_BIND_SERVICE, or ALL", false, e);
      }
    }
    return caps;
  }

  /** Fills the engine's create call. */
  CreateContainerCmd applyTo(CreateContainerCmd create) {
    create.withName(name)
        .withImage(image)
        .withEnv(env)
        .withLabels(labels)
        .withExposedPorts(exposed)
        .withHostConfig(host)
        .withStopSignal(stopSignal)
        .withStopTimeout(stopTimeoutSeconds)
        .withAliases(aliases);
    if (!entrypoint.isEmpty()) {
      create.withEntrypoint(entrypoint);
    }
    if (!cmd.isEmpty()) {
      create.withCmd(cmd);
    }
    if (workdir != null) {
      create.withWorkingDir(workdir);
    }
    if (user != null) {
      create.withUser(user);
    }
    return create;
  }
}
