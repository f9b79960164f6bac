package dev.stack.model;

/**
 * Resource limits. Any may be null (no limit). Enforced by cgroups on the native backend where the
 * host allows it, by the engine on docker; where not enforced, status and diff say so.
 *
 * @param memory memory limit
 * @param cpus CPU limit in cores (1.5 = one and a half)
 * @param pids maximum number of processes/threads
 */
public record Resources(ByteSize memory, Double cpus, Integer pids) {

  public static final Resources NONE = new Resources(null, null, null);

  public Resources {
    if (cpus != null && !(cpus > 0)) {
      throw new IllegalArgumentException("cpus must be positive");
    }
    if (pids != null && pids < 1) {
      throw new IllegalArgumentException("pids must be positive");
    }
  }

  public boolean isEmpty() {
    return memory == null && cpus == null && pids == null;
  }
}
