package dev.stack.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.stack.core.spi.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a stack shares in the engine: one bridge network, {@code stack-<stack>}, on which every
 * container answers to its service's name and which other stacks cannot reach; and its named
 * volumes, {@code <stack>_<name>}. All labelled {@code dev.stack.stack=<stack>}; teardown finds
 * them by that label alone. Creating is idempotent and safe when instances prepare in parallel.
 */
final class StackNetwork {

  private final DockerEngine engine;
  private final Map<String, String> extraLabels;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  StackNetwork(DockerEngine engine, Map<String, String> extraLabels) {
    this.engine = engine;
    this.extraLabels = extraLabels;
  }

  /** The network's name for {@code stack}. */
  static String name(String stack) {
    return "stack-" + stack;
  }

  /** Makes sure the stack's network exists; returns its name. */
  String ensure(String stack) throws BackendException {
    String name = name(stack);
    if (ready.contains(name)) {
      return name;
    }
    synchronized (locks.computeIfAbsent(name, n -> new Object())) {
      if (ready.contains(name)) {
        return name;
      }
      try {
        Network existing = find(name);
        if (existing == null) {
          try {
            engine.client().createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                .withLabels(Labels.forStack(stack, extraLabels)).exec();
          } catch (ConflictException raced) {
            existing = find(name); // another process made it meanwhile
          }
        }
        if (existing != null && !stack.equals(existing.getLabels() == null ? null : existing.getLabels().get(Labels.STACK))) {
          throw new BackendException("a network named " + name + " exists and does not belong to stack " + stack,
              "remove it (docker network rm " + name + ") or rename the stack", false);
        }
      } catch (RuntimeException e) {
        throw EngineFailures.of(engine, "creating network " + name, e);
      }
      ready.add(name);
      return name;
    }
  }

  /** Makes sure the named volume {@code volume} of {@code stack} exists, labelled as the stack's. */
  void ensureVolume(String stack, String volume) throws BackendException {
    String name = ContainerBlueprint.volumeName(stack, volume);
    if (ready.contains("volume:" + name)) {
      return;
    }
    try {
      // creating a volume that exists returns it unchanged
      engine.client().createVolumeCmd().withName(name).withLabels(Labels.forStack(stack, extraLabels)).exec();
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "creating volume " + name, e);
    }
    ready.add("volume:" + name);
  }

  /**
   * Removes the stack's network, and its named volumes when {@code volumes} is set; nothing when
   * none is there.
   *
   * @return what it removed ({@code network stack-shop}, {@code volume shop_data})
   * @throws BackendException naming what could not be removed (a container still attached)
   */
  List<String> teardown(String stack, boolean volumes) throws BackendException {
    List<String> removed = new ArrayList<>();
    List<String> left = new ArrayList<>();
    List<String> label = List.of(Labels.STACK + "=" + stack);
    try {
      for (Network n : engine.client().listNetworksCmd().withFilter("label", label).exec()) {
        try {
          engine.client().removeNetworkCmd(n.getId()).exec();
          removed.add("network " + n.getName());
        } catch (NotFoundException gone) {
          // removed meanwhile
        } catch (DockerException inUse) {
          // the engine refuses while containers are attached (403 on 20.10, 409 or 500 elsewhere)
          left.add("network " + n.getName() + " (" + LocalImages.engineMessage(inUse) + ")");
        }
      }
      ready.remove(name(stack));
      if (volumes) {
        var list = engine.client().listVolumesCmd().withFilter("label", label).exec().getVolumes();
        for (var v : list == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : list) {
          try {
            engine.client().removeVolumeCmd(v.getName()).exec();
            removed.add("volume " + v.getName());
          } catch (NotFoundException gone) {
            // removed meanwhile
          } catch (DockerException inUse) {
            left.add("volume " + v.getName() + " (" + LocalImages.engineMessage(inUse) + ")");
          }
          ready.remove("volume:" + v.getName());
        }
      }
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "removing the network of stack " + stack, e);
    }
    if (!left.isEmpty()) {
      throw new BackendException("could not remove " + String.join(", ", left), "stop what still uses it, then run down again",
          true);
    }
    return removed;
  }

  private Network find(String name) {
    // the name filter matches substrings: keep the exact one
    for (Network n : engine.client().listNetworksCmd().withNameFilter(name).exec()) {
      if (name.equals(n.getName())) {
        return n;
      }
    }
    return null;
  }
}
