package dev.stack.core.diff;

import dev.stack.core.spi.Capabilities;
import java.util.List;
import java.util.Map;

/** Capabilities as the native and docker backends declare them on a typical Linux host. */
final class BackendFixtures {

  private BackendFixtures() {}

  /** A supervised process: no isolation, the agent restarts with a growing backoff, no hardening. */
  static Capabilities nativeBackend(boolean cgroups) {
    Capabilities.Enforcement resources = cgroups ? new Capabilities.Enforcement(true, "cgroup v2")
        : new Capabilities.Enforcement(false, "no cgroup delegation for uid 1000");
    return new Capabilities(false, false, resources, false, true, true, false, List.of());
  }

  /** A container: own filesystem and network, the engine enforces limits and restarts without the agent. */
  static Capabilities dockerBackend() {
    return new Capabilities(true, true, new Capabilities.Enforcement(true, "docker"), true, false, true, true,
        List.of());
  }

  static Map<String, Capabilities> both(boolean cgroups) {
    return Map.of("native", nativeBackend(cgroups), "docker", dockerBackend());
  }
}
