package dev.stack.core.diff;

import dev.stack.model.Canonical;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service as its backend will run it, for comparing: the {@link Canonical} form in
 * {@code HASHED} mode, with each published port's bind address spelt out (the profile's
 * {@code publish_address} where the port does not say), and paths inside the stack's folder shown
 * relative to it ({@code ./api}) so that a diff reads the same on every machine. Service
 * references ({@code ${svc.db.host}}) stay symbolic: how they resolve is reported apart, as
 * {@link AddressChange}s.
 */
final class ResolvedForm {

  private ResolvedForm() {}

  static Map<String, Object> of(Stack stack, Service service) {
    Map<String, Object> form = Canonical.of(service, Canonical.Mode.HASHED);
    String dir = stack.dir() == null ? null : stack.dir().toString();
    if (!service.ports().isEmpty()) {
      form.put("ports", service.ports().stream().map(p -> bound(p, stack.publishAddress()).toString()).toList());
    }
    form.computeIfPresent("workdir", (k, v) -> relative((String) v, dir));
    form.computeIfPresent("env_file", (k, v) -> strings(v).stream().map(s -> relative(s, dir)).toList());
    form.computeIfPresent("volumes", (k, v) -> strings(v).stream().map(s -> relative(s, dir)).toList());
    if (form.get("build") instanceof Map<?, ?> build) {
      @SuppressWarnings("unchecked")
      Map<String, Object> b = (Map<String, Object>) build;
      b.computeIfPresent("context", (k, v) -> relative((String) v, dir));
    }
    return form;
  }

  /** The fields of the service that hold secrets. */
  static Set<String> secretPaths(Service service) {
    return service.env().entrySet().stream().filter(e -> e.getValue().secret()).map(e -> "env." + e.getKey())
        .collect(Collectors.toSet());
  }

  /** The port with its bind address spelt out when it is published. */
  static Port bound(Port p, String publishAddress) {
    if (!p.published() || p.hostIp() != null || publishAddress == null) {
      return p;
    }
    return new Port(publishAddress, p.hostPort(), p.hostPortEnd(), p.containerPort(), p.containerPortEnd(), p.protocol());
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static String relative(String path, String dir) {
    if (dir == null || path == null) {
      return path;
    }
    if (path.equals(dir)) {
      return ".";
    }
    return path.startsWith(dir + "/") ? "./" + path.substring(dir.length() + 1) : path;
  }
}
