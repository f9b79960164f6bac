package dev.stack.core.address;

import dev.stack.model.EnvValue;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.ServiceRef;
import dev.stack.model.Stack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves {@code ${svc.NAME.host}} and {@code ${svc.NAME.port}} for one consumer, per backend:
 * <ul>
 *   <li>native → native: {@code 127.0.0.1} and the target's port;
 *   <li>docker → docker: the target's DNS name on the stack network and its container port;
 *   <li>docker → native: {@link #HOST_GATEWAY} (mapped to the host) and the target's port;
 *   <li>native → docker: {@code 127.0.0.1} and the target's published host port.
 * </ul>
 * This is what lets one file move between backends unchanged.
 */
public final class Addresses {

  /** The name a container uses to reach the host (mapped to the engine's host gateway). */
  public static final String HOST_GATEWAY = "host.docker.internal";

  private Addresses() {}

  /** A host and port as one consumer sees them. */
  public record Endpoint(String host, int port) {}

  /** Where {@code consumer} reaches {@code targetName}. */
  public static Endpoint endpoint(Stack stack, Service consumer, String targetName) throws UnresolvedReference {
    Service target = stack.services().get(targetName);
    if (target == null) {
      throw new UnresolvedReference("services." + consumer.name() + ": ${svc." + targetName
          + ".*} names no service of the stack", "known services: " + String.join(", ", stack.services().keySet()));
    }
    boolean fromContainer = !"native".equals(consumer.backend());
    boolean toContainer = !"native".equals(target.backend());
    int port = target.firstPort();
    if (!fromContainer && toContainer) {
      Port first = target.ports().isEmpty() ? null : target.ports().get(0);
      if (first == null || !first.published()) {
        throw new UnresolvedReference("services." + consumer.name() + ": native service '" + consumer.name()
            + "' cannot reach container service '" + targetName + "': it publishes no port",
            "publish its port, e.g. ports: [\"" + (port == 0 ? 8080 : port) + ":" + (port == 0 ? 8080 : port) + "\"]");
      }
      return new Endpoint("127.0.0.1", first.hostPort());
    }
    if (fromContainer && toContainer) {
      return new Endpoint(targetName, port);
    }
    return new Endpoint(fromContainer ? HOST_GATEWAY : "127.0.0.1", port);
  }

  /** Resolves every reference in one value. */
  public static String resolve(Stack stack, Service consumer, String value) throws UnresolvedReference {
    if (value.indexOf("${svc.") < 0) {
      return value;
    }
    try {
      return ServiceRef.resolve(value, (name, field) -> {
        try {
          Endpoint e = endpoint(stack, consumer, name);
          if ("port".equals(field) && e.port() == 0) {
            throw new UnresolvedReference("services." + consumer.name() + ": ${svc." + name
                + ".port}: service '" + name + "' has no port", "give it ports: [\"PORT\"]");
          }
          return "host".equals(field) ? e.host() : Integer.toString(e.port());
        } catch (UnresolvedReference u) {
          throw new Wrapped(u);
        }
      });
    } catch (Wrapped w) {
      throw w.cause;
    }
  }

  /** The consumer's environment with every reference resolved; secrets in clear (never print it). */
  public static Map<String, String> environment(Stack stack, Service consumer) throws UnresolvedReference {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, EnvValue> e : consumer.env().entrySet()) {
      env.put(e.getKey(), resolve(stack, consumer, e.getValue().value()));
    }
    return env;
  }

  /** A reference that cannot be resolved on these backends. */
  public static final class UnresolvedReference extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public UnresolvedReference(String message, String hint) {
      super(message);
      this.hint = hint;
    }

    public String hint() {
      return hint;
    }
  }

  private static final class Wrapped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final UnresolvedReference cause;

    Wrapped(UnresolvedReference cause) {
      super(cause.getMessage(), null, false, false);
      this.cause = cause;
    }
  }
}
