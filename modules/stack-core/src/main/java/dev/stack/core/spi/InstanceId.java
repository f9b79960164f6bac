package dev.stack.core.spi;

/**
 * One instance of a service of a stack. Services with one replica have index 1.
 *
 * @param stack the stack's name
 * @param service the service's name
 * @param index 1-based replica number
 */
public record InstanceId(String stack, String service, int index) {

  public InstanceId {
    if (stack == null || service == null || index < 1) {
      throw new IllegalArgumentException("instance id needs stack, service and index >= 1");
    }
  }

  // equals and hashCode written out: a record's generated ones are bootstrapped at their first
  // call (ObjectMethods spins method handles, ~15 ms in a cold JVM), and the agent's first call
  // is on a cold `stack up`'s critical path, when the instance's log is looked up by its id

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceId other && index == other.index && stack.equals(other.stack)
        && service.equals(other.service);
  }

  @Override
  public int hashCode() {
    return (stack.hashCode() * 31 + service.hashCode()) * 31 + index;
  }

  /** {@code api} for the first replica, {@code api-2} for others; what users see. */
  public String displayName() {
    return index == 1 ? service : service + "-" + index;
  }

  /** {@code shop-api-1}: the container name on docker, the folder name of its run files on native. */
  public String qualified() {
    return stack + "-" + service + "-" + index;
  }
}
