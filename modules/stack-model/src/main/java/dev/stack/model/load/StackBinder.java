package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import dev.stack.model.StackFileException;
import dev.stack.model.Volume;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a merged, interpolated tree to the model, checking every key, type and value, and the rules
 * that span services (unknown dependencies, cycles, port clashes). Every problem is collected; one
 * {@link StackFileException} carries them all.
 */
public final class StackBinder {

  /** Top-level keys in the order of docs/stack-file.md. */
  static final List<String> KEYS = List.of("name", "services", "volumes", "profiles");
  /** Stack and service names: DNS labels. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private StackBinder() {}

  /** Binds {@code root}; throws StackFileException with every problem found. */
  public static Stack bind(MapNode root, BindContext context) {
    TreeReader in = new TreeReader();
    in.keys(root, "", KEYS);
    String name = context.defaultName();
    if (root.has("name")) {
      String n = in.string(root.get("name"), "name");
      if (n != null && checkName(in, root.get("name"), "name", n, "stack")) {
        name = n;
      }
    }
    Map<String, ServiceBinder.Bound> bound = services(in, root, context);
    Set<String> volumes = volumes(in, root.get("volumes"));
    for (ServiceBinder.Bound b : bound.values()) {
      b.service().volumes().stream().filter(v -> v.type() == Volume.Type.VOLUME).map(Volume::source).forEach(volumes::add);
    }
    new StackChecks(in, bound, context.profile().publishAddress()).run();
    if (!in.problems().isEmpty()) {
      throw new StackFileException(inFileOrder(in.problems()));
    }
    Map<String, Service> services = new LinkedHashMap<>();
    bound.forEach((n, b) -> services.put(n, b.service()));
    return new Stack(name, context.file(), context.profile().name(), context.profile().backend(),
        context.profile().publishAddress(), services, new ArrayList<>(volumes));
  }

  /** Problems sorted like a compiler's: by source (in order of first appearance), line, column. */
  static List<Problem> inFileOrder(List<Problem> problems) {
    List<String> sources = problems.stream().map(p -> p.mark() == null ? "" : p.mark().source()).distinct().toList();
    return problems.stream().sorted(Comparator
        .comparingInt((Problem p) -> p.mark() == null ? -1 : sources.indexOf(p.mark().source()))
        .thenComparingInt(p -> p.mark() == null ? 0 : p.mark().line())
        .thenComparingInt(p -> p.mark() == null ? 0 : p.mark().column())).toList();
  }

  private static Map<String, ServiceBinder.Bound> services(TreeReader in, MapNode root, BindContext context) {
    Map<String, ServiceBinder.Bound> bound = new LinkedHashMap<>();
    Node node = root.get("services");
    if (node == null && root.entries().keySet().stream().anyMatch(k -> "services".equals(Suggestions.nearest(k, KEYS)))) {
      return bound; // the misspelt key is reported already
    }
    if (node == null) {
      in.report(root.mark(), null, root.entries().isEmpty() ? "the stack file is empty" : "the stack has no services:",
          "add services: with one entry per service, e.g. services: {api: {command: [./api]}}");
      return bound;
    }
    MapNode map = in.map(node, "services", "a map of services, name: settings");
    if (map == null) {
      return bound;
    }
    List<MapNode.Entry> entries = TreeReader.entries(map);
    if (entries.isEmpty()) {
      in.report(node.mark(), "services", "the stack has no services", "add at least one, e.g. api: {command: [./api]}");
    }
    ServiceBinder binder = new ServiceBinder(in, context);
    for (MapNode.Entry e : entries) {
      checkName(in, e.keyMark(), TreeReader.join("services", e.key()), e.key(), "service");
      ServiceBinder.Bound b = binder.bind(e.key(), e.keyMark(), e.value());
      if (b != null) {
        bound.put(e.key(), b);
      }
    }
    return bound;
  }

  private static boolean checkName(TreeReader in, Node node, String path, String name, String what) {
    return checkName(in, node.mark(), path, name, what);
  }

  private static boolean checkName(TreeReader in, dev.stack.model.yaml.Mark mark, String path, String name, String what) {
    if (NAME.matcher(name).matches()) {
      return true;
    }
    String fixed = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+", "");
    fixed = fixed.length() > 63 ? fixed.substring(0, 63) : fixed;
    in.report(mark, path, "invalid " + what + " name " + BadValueException.quote(name)
        + ": use lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters",
        fixed.isEmpty() || fixed.equals(name) ? null : "e.g. " + fixed);
    return false;
  }

  /** Top-level volumes: a list of names, or a map name → {} or null. */
  private static Set<String> volumes(TreeReader in, Node node) {
    Set<String> names = new LinkedHashSet<>();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return names;
    }
    if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        Node item = seq.items().get(i);
        String n = in.string(item, TreeReader.item("volumes", i));
        if (n != null && volumeName(in, item, TreeReader.item("volumes", i), n)) {
          names.add(n);
        }
      }
      return names;
    }
    MapNode map = in.map(node, "volumes", "a list of volume names");
    if (map == null) {
      return names;
    }
    for (MapNode.Entry e : TreeReader.entries(map)) {
      String path = TreeReader.join("volumes", e.key());
      boolean empty = e.value() instanceof ScalarNode s && s.isNull()
          || e.value() instanceof MapNode m && TreeReader.entries(m).isEmpty();
      if (!empty) {
        in.report(e.value().mark(), path, "volume options are not supported, got " + TreeReader.got(e.value()),
            "write the volume as " + e.key() + ": {} or list it in volumes: [" + e.key() + "]");
      } else if (volumeName(in, e.value(), path, e.key())) {
        names.add(e.key());
      }
    }
    return names;
  }

  private static boolean volumeName(TreeReader in, Node node, String path, String name) {
    if (VOLUME_NAME.matcher(name).matches()) {
      return true;
    }
    in.report(node.mark(), path, "invalid volume name " + BadValueException.quote(name),
        "use letters, digits, '_', '.' and '-'");
    return false;
  }
}
