package dev.stack.core.diff;

import dev.stack.core.diff.Note.Topic;
import dev.stack.core.spi.Capabilities;
import dev.stack.model.Health;
import dev.stack.model.Port;
import dev.stack.model.RestartPolicy;
import dev.stack.model.Security;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a service's change means on its target backend, from the two backends' declared
 * {@link Capabilities}: what the target cannot honour or honours differently. A note is given when
 * the backend moves, or when a field the target cannot honour is new or changed; a service that
 * stays where it was with the same settings gets none.
 */
final class BackendNotes {

  /** One side of the comparison: the stack, the service (null when absent), its backend's capabilities. */
  record Side(Stack stack, Service service, Capabilities caps) {
    String backend() {
      return service.backend();
    }
  }

  private final Side from;
  private final Side to;
  private final List<Change> changes;
  private final boolean moved;
  private final List<Note> notes = new ArrayList<>();

  private BackendNotes(Side from, Side to, List<Change> changes) {
    this.from = from;
    this.to = to;
    this.changes = changes;
    this.moved = from != null && !from.backend().equals(to.backend());
  }

  /** The notes for a service present on the {@code to} side; {@code from} is null when it is new. */
  static List<Note> of(Side from, Side to, List<Change> changes) {
    BackendNotes n = new BackendNotes(from, to, changes);
    n.isolation();
    n.resources();
    n.restart();
    n.security();
    n.health();
    n.ports();
    n.hybrid();
    if (n.moved || from == null) {
      to.caps().notes().forEach(text -> n.add(Topic.BACKEND, to.backend() + ": " + text));
    }
    return n.notes;
  }

  private void isolation() {
    Capabilities a = moved ? from.caps() : null;
    Capabilities b = to.caps();
    if (a != null && a.filesystemIsolation() != b.filesystemIsolation()) {
      add(Topic.FILESYSTEM, "filesystem isolation: " + filesystem(a) + " on " + from.backend() + " => "
          + filesystem(b) + " on " + to.backend());
    }
    if (!b.filesystemIsolation() && !to.service().volumes().isEmpty() && (moved || touched("volumes"))) {
      add(Topic.FILESYSTEM, "volumes: mounts are a container concept; on " + to.backend()
          + " the process uses host paths as they are");
    }
    if (a != null && a.networkIsolation() != b.networkIsolation()) {
      add(Topic.NETWORK, "network isolation: " + network(a) + " on " + from.backend() + " => " + network(b)
          + " on " + to.backend());
    }
  }

  private void resources() {
    Capabilities.Enforcement b = to.caps().resources();
    Capabilities.Enforcement a = moved ? from.caps().resources() : null;
    var r = to.service().resources();
    String[][] set = {
        {"memory", r.memory() == null ? null : r.memory().toString()},
        {"cpus", r.cpus() == null ? null : Values.display(r.cpus())},
        {"pids", r.pids() == null ? null : r.pids().toString()}};
    for (String[] field : set) {
      if (field[1] == null) {
        continue;
      }
      String head = "resources." + field[0] + " " + field[1] + ": ";
      if (a != null && a.enforced() != b.enforced()) {
        add(Topic.RESOURCES, head + enforcement(a) + " on " + from.backend() + " => " + enforcement(b) + " on "
            + to.backend());
      } else if (!b.enforced() && (from == null || touched("resources." + field[0]))) {
        add(Topic.RESOURCES, head + enforcement(b) + " on " + to.backend());
      }
    }
  }

  private void restart() {
    RestartPolicy r = to.service().restart();
    if (r.policy() == RestartPolicy.Policy.NO) {
      return;
    }
    Capabilities b = to.caps();
    if (moved && from.caps().restartWithoutAgent() != b.restartWithoutAgent()) {
      add(Topic.RESTART, "restart: " + restarter(from.caps(), from.backend()) + " => " + restarter(b, to.backend()));
    }
    if (!b.growingBackoff() && (moved || from == null || touched("restart"))) {
      add(Topic.RESTART, "restart.backoff, max_backoff, max_restarts: " + to.backend()
          + "'s own restart policy has no growing backoff; the agent marks a container errored once " + to.backend()
          + " gives up");
    }
  }

  private void security() {
    Security s = to.service().security();
    List<String> asked = new ArrayList<>();
    if (s.noNewPrivileges()) {
      asked.add("no_new_privileges");
    }
    if (!s.capDrop().isEmpty()) {
      asked.add("cap_drop " + Values.display(s.capDrop()));
    }
    if (!s.capAdd().isEmpty()) {
      asked.add("cap_add " + Values.display(s.capAdd()));
    }
    if (s.readOnly()) {
      asked.add("read_only");
    }
    if (!s.tmpfs().isEmpty()) {
      asked.add("tmpfs " + Values.display(s.tmpfs()));
    }
    if (asked.isEmpty()) {
      return;
    }
    String what = String.join(", ", asked);
    boolean b = to.caps().hardening();
    if (moved && from.caps().hardening() != b) {
      add(Topic.SECURITY, "security: " + (from.caps().hardening() ? "applied" : "not honoured") + " on " + from.backend()
          + " => " + (b ? "applied" : "not honoured") + " on " + to.backend() + ": " + what);
    } else if (!b && (from == null || touched("security"))) {
      add(Topic.SECURITY, "security: not honoured on " + to.backend() + ": " + what);
    }
  }

  private void health() {
    Health h = to.service().health();
    if (h == null || !moved) {
      return;
    }
    String probe = switch (h.kind()) {
      case HTTP -> "the http probe of :" + h.port() + h.target();
      case TCP -> "the tcp probe of :" + h.port();
      case EXEC -> null;
      case LOG -> "the log probe";
    };
    if (probe == null) {
      add(Topic.HEALTH, "health: the exec probe runs " + execPlace(from) + " on " + from.backend() + " => "
          + execPlace(to) + " on " + to.backend());
    } else if (h.kind() == Health.Kind.LOG) {
      add(Topic.HEALTH, "health: " + probe + " reads the service's output on both backends");
    } else {
      add(Topic.HEALTH, "health: stack runs " + probe + " from the host on both backends"
          + (to.caps().networkIsolation() ? " (on " + to.backend() + " against the container's own address)" : ""));
    }
  }

  private void ports() {
    Capabilities b = to.caps();
    List<Port> now = to.service().ports();
    boolean relevant = moved || from == null || touched("ports");
    if (!b.networkIsolation() && relevant) {
      for (Port p : now) {
        if (p.published()) {
          add(Topic.PORTS, "ports: " + p + ": a host mapping is a container concept; on " + to.backend()
              + " the process binds " + range(p.containerPort(), p.containerPortEnd()) + " itself, reached at 127.0.0.1:"
              + p.containerPort());
        }
      }
      return;
    }
    if (!b.networkIsolation()) {
      return;
    }
    for (Port p : now) {
      String port = range(p.containerPort(), p.containerPortEnd());
      if (!p.published()) {
        if (moved && !from.caps().networkIsolation()) {
          add(Topic.PORTS, "ports: " + port + " is not published: on " + to.backend()
              + " only services on the stack network reach it (on " + from.backend() + ": 127.0.0.1:" + p.containerPort()
              + " from this machine)");
        }
        continue;
      }
      String after = ResolvedForm.bound(p, to.stack().publishAddress()).hostIp();
      String before = previousAddress(p);
      if (after != null && before != null && !after.equals(before)) {
        add(Topic.PORTS, "ports: " + range(p.hostPort(), p.hostPortEnd()) + " published on " + where(before) + " => "
            + where(after));
      }
    }
  }

  /** The bind address the same container port had on the old side, when it was published there. */
  private String previousAddress(Port p) {
    if (from == null) {
      return null;
    }
    for (Port q : from.service().ports()) {
      if (q.containerPort() == p.containerPort() && q.published()) {
        return ResolvedForm.bound(q, from.stack().publishAddress()).hostIp();
      }
    }
    return null;
  }

  private void hybrid() {
    if (!to.caps().networkIsolation()) {
      return;
    }
    for (AddressChanges.Reference r : AddressChanges.references(to.service())) {
      Service target = to.stack().services().get(r.service());
      if (target == null || !"native".equals(target.backend()) || !reachesNative(from, r.service())) {
        continue;
      }
      add(Topic.HYBRID, "hybrid: " + r.field() + " reaches native service " + r.service()
          + " through the host gateway: " + r.service() + " must listen on an address the bridge can reach,"
          + " not only 127.0.0.1 (less isolated)");
    }
  }

  /** Whether the service is newly a container reaching a native one (so the note is news). */
  private boolean reachesNative(Side before, String target) {
    if (before == null || !before.caps().networkIsolation()) {
      return true;
    }
    Service t = before.stack().services().get(target);
    return t == null || !"native".equals(t.backend());
  }

  private boolean touched(String prefix) {
    return changes.stream().anyMatch(c -> c.path().equals(prefix) || c.path().startsWith(prefix + "."));
  }

  private void add(Topic topic, String text) {
    if (notes.stream().noneMatch(n -> Objects.equals(n.text(), text))) {
      notes.add(new Note(topic, text));
    }
  }

  private static String filesystem(Capabilities c) {
    return c.filesystemIsolation() ? "own root filesystem" : "none (the host's files)";
  }

  private static String network(Capabilities c) {
    return c.networkIsolation() ? "own network (reached by its name)" : "none (the host's network)";
  }

  private static String enforcement(Capabilities.Enforcement e) {
    return e.enforced() ? "enforced by " + e.how() : "not enforced (" + e.how() + ")";
  }

  private static String restarter(Capabilities c, String backend) {
    return c.restartWithoutAgent() ? "by " + backend + " itself (also while the agent is down)"
        : "by the agent on " + backend + " (only while it runs)";
  }

  private static String execPlace(Side side) {
    return side.caps().filesystemIsolation() ? "inside the container" : "on the host";
  }

  private static String where(String address) {
    return switch (address) {
      case "127.0.0.1", "::1" -> address + " (this machine only)";
      case "0.0.0.0", "::" -> address + " (every address: other machines reach it)";
      default -> address;
    };
  }

  private static String range(int a, int b) {
    return a == b ? Integer.toString(a) : a + "-" + b;
  }
}
