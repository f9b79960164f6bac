package dev.stack.model.load;

import dev.stack.model.Condition;
import dev.stack.model.DependencyGraph;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.yaml.Mark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules that span services: dependencies, cycles, port clashes, replicas on native. */
final class StackChecks {

  /** One range of ports a service takes on this machine. */
  private record Binding(String service, boolean nativeBinding, String ip, String protocol, int first, int last,
      Mark mark, String path) {

    boolean clashes(Binding o) {
      return protocol.equals(o.protocol) && first <= o.last && o.first <= last
          && (ip.equals(o.ip) || any(ip) || any(o.ip));
    }

    private static boolean any(String ip) {
      return ip.equals("*") || ip.equals("0.0.0.0") || ip.equals("::");
    }

    String takenBy() {
      return (nativeBinding ? "bound by native service '" : "published by service '") + service + "' (" + mark + ")";
    }
  }

  private final TreeReader in;
  private final Map<String, ServiceBinder.Bound> services;
  private final String publishAddress;

  StackChecks(TreeReader in, Map<String, ServiceBinder.Bound> services, String publishAddress) {
    this.in = in;
    this.services = services;
    this.publishAddress = publishAddress;
  }

  void run() {
    dependencies();
    cycles();
    ports();
  }

  private void dependencies() {
    for (ServiceBinder.Bound b : services.values()) {
      Service s = b.service();
      String path = TreeReader.join(TreeReader.join("services", s.name()), "depends_on");
      s.dependsOn().forEach((dep, condition) -> {
        Mark at = b.dependencyMarks().get(dep);
        if (dep.equals(s.name())) {
          in.report(at, path, "service '" + s.name() + "' depends on itself", "remove " + dep + " from its depends_on");
        } else if (!services.containsKey(dep)) {
          String near = Suggestions.nearest(dep, services.keySet());
          in.report(at, path, "depends on unknown service '" + dep + "'",
              near != null ? "did you mean '" + near + "'?" : "services: " + String.join(", ", services.keySet()));
        } else if (condition == Condition.HEALTHY && services.get(dep).service().health() == null) {
          in.report(at, path, "waits for '" + dep + "' to be healthy, but '" + dep + "' has no health check",
              "add health: to " + dep + ", or wait for started");
        }
      });
    }
  }

  private void cycles() {
    Map<String, Collection<String>> deps = new LinkedHashMap<>();
    services.forEach((name, b) -> deps.put(name,
        b.service().dependsOn().keySet().stream().filter(d -> !d.equals(name)).toList()));
    for (List<String> cycle : DependencyGraph.cycles(deps)) {
      String first = cycle.get(0);
      in.report(services.get(first).dependencyMarks().get(cycle.get(1)),
          TreeReader.join(TreeReader.join("services", first), "depends_on"),
          "dependency cycle: " + String.join(" -> ", cycle), "remove one of these dependencies");
    }
  }

  private void ports() {
    List<Binding> taken = new ArrayList<>();
    for (ServiceBinder.Bound b : services.values()) {
      Service s = b.service();
      boolean nativ = s.backend().equals("native");
      for (int i = 0; i < s.ports().size(); i++) {
        Port p = s.ports().get(i);
        Mark mark = b.portMarks().get(i);
        String path = b.portPaths().get(i);
        if (nativ && s.replicas() > p.count()) {
          in.report(mark, path, s.replicas() + " replicas on native need " + s.replicas()
              + " ports each, but " + BadValueException.quote(p.toString()) + " covers " + p.count(),
              "each native instance binds its own port: use a range like \"" + p.containerPort() + "-"
                  + (p.containerPort() + s.replicas() - 1) + "\"");
        }
        Binding binding = nativ
            ? new Binding(s.name(), true, "*", p.protocol(), p.containerPort(), p.containerPortEnd(), mark, path)
            : p.published()
                ? new Binding(s.name(), false, p.hostIp() != null ? p.hostIp() : publishAddress, p.protocol(),
                    p.hostPort(), p.hostPortEnd(), mark, path)
                : null;
        if (binding == null) {
          continue;
        }
        for (Binding other : taken) {
          if (binding.clashes(other)) {
            int port = Math.max(binding.first(), other.first());
            in.report(mark, path, "port " + port + (p.protocol().equals("tcp") ? "" : "/" + p.protocol())
                + " is already " + other.takenBy(), nativ || other.nativeBinding()
                    ? "a native process binds its port on this machine; give one of them another port"
                    : "publish one of them on another host port, e.g. \"" + (port + 1) + ":" + p.containerPort() + "\"");
            break;
          }
        }
        taken.add(binding);
      }
    }
  }
}
