package dev.stack.model.profile;

import dev.stack.model.Problem;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One definition of a profile from one place: a built-in file, {@code profiles/NAME.yaml} beside the
 * stack file, or an entry of the stack file's {@code profiles:} section. A profile is the stack of
 * its layers, lowest first; see {@code ProfileCatalog}.
 *
 * @param name the profile's name
 * @param source where this layer was written ({@code builtin:dev.yaml}, {@code profiles/dev.yaml}, {@code stack.yaml})
 * @param mark where the definition starts
 * @param backend {@code native} or {@code docker}, or null when this layer does not say
 * @param description one line, or null
 * @param publishAddress an IP address, or null
 * @param extendsName the profile a new profile builds on, or null
 * @param extendsMark where {@code extends} was written, or null
 * @param defaults service settings applied under every service; empty when none
 * @param services per-service settings applied over the service; empty when none
 */
public record ProfileLayer(String name, String source, Mark mark, String backend, String description,
    String publishAddress, String extendsName, Mark extendsMark, MapNode defaults, MapNode services) {

  /** The keys a profile takes, in the order the hint lists them. */
  public static final List<String> KEYS =
      List.of("backend", "description", "publish_address", "defaults", "services", "extends");

  /** The backends a profile may name. */
  public static final Set<String> BACKENDS = Set.of("native", "docker");

  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * Reads one layer, adding what is wrong to {@code problems} (the layer is still returned, with
   * the bad parts left out, so that every problem in a stack is reported at once).
   *
   * @param node the profile's body; null or a YAML null is an empty profile
   */
  public static ProfileLayer read(String name, String source, Mark mark, Node node, List<Problem> problems) {
    String path = "profiles." + name;
    MapNode empty = new MapNode(mark, Map.of());
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return new ProfileLayer(name, source, mark, null, null, null, null, null, empty, empty);
    }
    if (!(node instanceof MapNode body)) {
      problems.add(new Problem(node.mark(), path, "expected a map, got " + node.describe(),
          "a profile takes " + String.join(", ", KEYS)));
      return new ProfileLayer(name, source, mark, null, null, null, null, null, empty, empty);
    }
    String backend = null;
    String description = null;
    String publish = null;
    String extendsName = null;
    Mark extendsMark = null;
    MapNode defaults = empty;
    MapNode services = empty;
    for (MapNode.Entry e : body.entries().values()) {
      String at = path + "." + e.key();
      Node v = e.value();
      switch (e.key()) {
        case "backend" -> {
          backend = text(v, at, problems);
          if (backend != null && !BACKENDS.contains(backend)) {
            problems.add(new Problem(v.mark(), at, "unknown backend '" + backend + "'",
                NearestName.didYouMean(backend, BACKENDS) + "backends: docker, native"));
            backend = null;
          }
        }
        case "description" -> description = text(v, at, problems);
        case "publish_address" -> {
          publish = text(v, at, problems);
          if (publish != null && !isIpAddress(publish)) {
            problems.add(new Problem(v.mark(), at, "expected an IP address, got \"" + publish + "\"",
                "for example 127.0.0.1 (this machine only) or 0.0.0.0 (every address)"));
            publish = null;
          }
        }
        case "extends" -> {
          extendsName = text(v, at, problems);
          extendsMark = v.mark();
        }
        case "defaults" -> defaults = map(v, at, problems, empty);
        case "services" -> services = serviceOverlays(map(v, at, problems, empty), at, problems);
        default -> {
          if (!e.key().startsWith("x-")) {
            problems.add(new Problem(e.keyMark(), at, "unknown key",
                NearestName.didYouMean(e.key(), KEYS) + "a profile takes " + String.join(", ", KEYS)));
          }
        }
      }
    }
    return new ProfileLayer(name, source, mark, backend, description, publish, extendsName, extendsMark,
        defaults, services);
  }

  /** Whether {@code s} is an IPv4 or IPv6 literal (never a host name: nothing is looked up). */
  static boolean isIpAddress(String s) {
    if (IPV4.matcher(s).matches()) {
      return true;
    }
    if (!IPV6.matcher(s).matches()) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName("[" + s + "]") instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String text(Node v, String at, List<Problem> problems) {
    if (v instanceof ScalarNode s && s.type() == ScalarNode.Type.STRING) {
      return s.value();
    }
    problems.add(Problem.at(v.mark(), at, "expected a string, got " + v.describe()));
    return null;
  }

  private static MapNode map(Node v, String at, List<Problem> problems, MapNode empty) {
    if (v instanceof MapNode m) {
      return m;
    }
    if (!(v instanceof ScalarNode s && s.isNull())) {
      problems.add(Problem.at(v.mark(), at, "expected a map of service settings, got " + v.describe()));
    }
    return empty;
  }

  /** Keeps the entries that are maps (a null entry is an empty overlay). */
  private static MapNode serviceOverlays(MapNode services, String at, List<Problem> problems) {
    Map<String, MapNode.Entry> kept = new java.util.LinkedHashMap<>();
    for (MapNode.Entry e : services.entries().values()) {
      if (e.value() instanceof MapNode) {
        kept.put(e.key(), e);
      } else if (!(e.value() instanceof ScalarNode s && s.isNull())) {
        problems.add(Problem.at(e.value().mark(), at + "." + e.key(),
            "expected a map of service settings, got " + e.value().describe()));
      }
    }
    return new MapNode(services.mark(), kept);
  }
}
