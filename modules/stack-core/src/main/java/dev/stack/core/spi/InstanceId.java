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

  /** {@code api} for the first replica, {@code api-2} for others; what users see. */
  public String displayName() {
    return index == 1 ? service : service + "-" + index;
  }

  /** {@code shop-api-1}: the container name on docker, the folder name of its run files on native. */
  public String qualified() {
    return stack + "-" + service + "-" + index;
  }
}
