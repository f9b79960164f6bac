package dev.stack.model.load;

import dev.stack.model.Build;
import dev.stack.model.Condition;
import dev.stack.model.EnvValue;
import dev.stack.model.Port;
import dev.stack.model.Service;
import dev.stack.model.Volume;
import dev.stack.model.Watch;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Binds one service's map to a {@link Service}, reporting problems to a shared {@link TreeReader}. */
final class ServiceBinder {

  /** Service keys in the order of docs/stack-file.md. */
  static final List<String> KEYS = List.of("command", "entrypoint", "image", "build", "workdir", "env", "env_file",
      "ports", "volumes", "depends_on", "health", "restart", "stop", "resources", "logs", "replicas", "user",
      "security", "init", "backend", "watch");
  static final List<String> BACKENDS = List.of("native", "docker");

  /**
   * A bound service with the places cross-service checks point at.
   *
   * @param dependencyMarks per dependency, where it is named
   * @param portMarks per port of the service, in order, where it is written
   * @param portPaths per port of the service, in order, its property path
   */
  record Bound(Service service, Map<String, Mark> dependencyMarks, List<Mark> portMarks, List<String> portPaths) {}

  private final TreeReader in;
  private final BindContext ctx;
  private final SettingsBinder settings;

  ServiceBinder(TreeReader in, BindContext ctx) {
    this.in = in;
    this.ctx = ctx;
    this.settings = new SettingsBinder(in);
  }

  /** Binds {@code node}; null if it is not even a map. */
  Bound bind(String name, Mark keyMark, Node node) {
    String path = TreeReader.join("services", name);
    if (node instanceof ScalarNode s && s.isNull()) {
      in.report(node.mark(), path, "service '" + name + "' is empty",
          "give it at least a command (native) or an image (docker)");
      return null;
    }
    if (!(node instanceof MapNode)) {
      in.expected(node, path, "a map of service settings", node instanceof ScalarNode
          ? "for a command, write " + name + ": {command: ...}" : "write " + name + ": {command: [...], ...}");
      return null;
    }
    MapNode map = (MapNode) node;
    in.keys(map, path, KEYS);
    map = withoutNulls(map);
    String backend = backend(map, path);
    List<String> command = in.argv(map.get("command"), TreeReader.join(path, "command"));
    List<String> entrypoint = in.argv(map.get("entrypoint"), TreeReader.join(path, "entrypoint"));
    String image = map.has("image") ? in.nonEmpty(map.get("image"), TreeReader.join(path, "image"), "an image name") : null;
    Build build = map.has("build") ? build(map.get("build"), TreeReader.join(path, "build")) : null;
    String workdir = workdir(map.get("workdir"), TreeReader.join(path, "workdir"), backend);
    EnvBinder env = new EnvBinder(in, ctx);
    Map<String, EnvValue> envValues = env.bind(map, path);
    List<Mark> portMarks = new ArrayList<>();
    List<String> portPaths = new ArrayList<>();
    List<Port> ports = ports(map.get("ports"), TreeReader.join(path, "ports"), portMarks, portPaths);
    List<Volume> volumes = volumes(map.get("volumes"), TreeReader.join(path, "volumes"));
    Map<String, Mark> dependencyMarks = new LinkedHashMap<>();
    Map<String, Condition> dependsOn = dependsOn(map.get("depends_on"), TreeReader.join(path, "depends_on"), dependencyMarks);
    Integer replicas = map.has("replicas") ? in.integer(map.get("replicas"), TreeReader.join(path, "replicas"), 0, 1000) : null;
    String user = map.has("user") ? user(map.get("user"), TreeReader.join(path, "user")) : null;
    Boolean init = map.has("init") ? in.bool(map.get("init"), TreeReader.join(path, "init")) : null;
    if (backend != null) {
      requireWhatRuns(map, keyMark, path, backend, command);
    }
    return new Bound(new Service(name, backend == null ? ctx.profile().backend() : backend, command, entrypoint,
        image, build, workdir, envValues, env.files(), ports, volumes, dependsOn,
        settings.health(map.get("health"), TreeReader.join(path, "health"), ports),
        settings.restart(map.get("restart"), TreeReader.join(path, "restart")),
        settings.stop(map.get("stop"), TreeReader.join(path, "stop")),
        settings.resources(map.get("resources"), TreeReader.join(path, "resources")),
        settings.logs(map.get("logs"), TreeReader.join(path, "logs")),
        replicas == null ? 1 : replicas, user,
        settings.security(map.get("security"), TreeReader.join(path, "security")),
        init == null || init, watch(map.get("watch"), TreeReader.join(path, "watch"), workdir, build, backend), keyMark),
        dependencyMarks, portMarks, portPaths);
  }

  /** A key written without a value is as if absent (as a profile's null deletes it). */
  private static MapNode withoutNulls(MapNode map) {
    Map<String, MapNode.Entry> kept = new LinkedHashMap<>(map.entries());
    kept.values().removeIf(e -> e.value() instanceof ScalarNode s && s.isNull());
    return new MapNode(map.mark(), kept);
  }

  /** The service's backend, or null after a problem. */
  private String backend(MapNode map, String path) {
    Node node = map.get("backend");
    if (node == null) {
      return ctx.profile().backend();
    }
    String b = in.string(node, TreeReader.join(path, "backend"));
    if (b == null) {
      return null;
    }
    if (b.equals("swarm")) {
      in.report(node.mark(), TreeReader.join(path, "backend"), "backend swarm is not available yet",
          "use native or docker");
      return null;
    }
    if (!BACKENDS.contains(b)) {
      in.expected(node, TreeReader.join(path, "backend"), "native or docker", null);
      return null;
    }
    return b;
  }

  /** Native needs a command, docker an image or build; unless a misspelt key already explains it. */
  private void requireWhatRuns(MapNode map, Mark keyMark, String path, String backend, List<String> command) {
    boolean nativ = backend.equals("native");
    Node commandNode = map.get("command");
    if (nativ && commandNode == null && !misspelt(map, "command")) {
      in.report(keyMark, path, "a native service needs a command",
          "add command: [prog, args...], or run it with backend: docker");
    } else if (nativ && command.isEmpty() && commandNode != null && isBlank(commandNode)) {
      in.report(commandNode.mark(), TreeReader.join(path, "command"), "command is empty", "name the program to run");
    }
    if (!nativ && !map.has("image") && !map.has("build") && !misspelt(map, "image") && !misspelt(map, "build")) {
      in.report(keyMark, path, "a docker service needs an image or a build",
          "add image: NAME[:TAG], or build: ./folder-with-a-Dockerfile");
    }
  }

  private static boolean isBlank(Node node) {
    return node instanceof ScalarNode s && s.value().isBlank() || node instanceof SeqNode q && q.items().isEmpty();
  }

  /** Whether an unknown key of {@code map} is a likely misspelling of {@code key}. */
  static boolean misspelt(MapNode map, String key) {
    return map.entries().keySet().stream()
        .anyMatch(k -> !KEYS.contains(k) && key.equals(Suggestions.nearest(k, KEYS)));
  }

  private Build build(Node node, String path) {
    if (node instanceof ScalarNode) {
      String context = in.nonEmpty(node, path, "a build context folder");
      return context == null ? null : buildOf(context, node, path, null, Map.of(), null);
    }
    MapNode map = in.map(node, path, "a context folder or a map {context, dockerfile, args, target}");
    if (map == null) {
      return null;
    }
    in.keys(map, path, List.of("context", "dockerfile", "args", "target"));
    Node contextNode = map.get("context");
    if (contextNode == null) {
      in.report(map.mark(), path, "build needs a context", "add context: ./folder-with-a-Dockerfile");
      return null;
    }
    String context = in.nonEmpty(contextNode, TreeReader.join(path, "context"), "a build context folder");
    String dockerfile = map.has("dockerfile") ? in.nonEmpty(map.get("dockerfile"), TreeReader.join(path, "dockerfile"), "a Dockerfile path") : null;
    String target = map.has("target") ? in.nonEmpty(map.get("target"), TreeReader.join(path, "target"), "a stage name") : null;
    Map<String, String> args = new LinkedHashMap<>();
    if (map.has("args")) {
      MapNode argMap = in.map(map.get("args"), TreeReader.join(path, "args"), "a map of build arguments");
      if (argMap != null) {
        for (MapNode.Entry e : TreeReader.entries(argMap)) {
          String v = in.string(e.value(), TreeReader.join(TreeReader.join(path, "args"), e.key()));
          if (v != null) {
            args.put(e.key(), v);
          }
        }
      }
    }
    return context == null ? null : buildOf(context, contextNode, TreeReader.join(path, "context"), dockerfile, args, target);
  }

  private Build buildOf(String context, Node node, String path, String dockerfile, Map<String, String> args, String target) {
    Path dir = in.parse(node, path, "a build context folder", text -> VolumeParser.hostPath(ctx.dir(), context));
    if (dir == null) {
      return null;
    }
    if (!Files.isDirectory(dir)) {
      in.report(node.mark(), path, "build context " + context + " is not a folder beside the stack file",
          "the context is relative to the stack file's folder");
      return null;
    }
    return new Build(dir.toString(), dockerfile, args, target);
  }

  /**
   * {@code watch: true} (the service's folder: a native service's workdir, else its build context,
   * else the stack file's), a path or a list of paths, or {@code {paths, ignore, delay}}; null for
   * none. Paths are relative to the stack file's folder and must exist.
   */
  private Watch watch(Node node, String path, String workdir, Build build, String backend) {
    if (node == null) {
      return null;
    }
    String own = "native".equals(backend) && workdir != null ? workdir : build != null ? build.context() : ctx.dir().toString();
    if (node instanceof ScalarNode s && (s.type() == ScalarNode.Type.BOOL
        || !s.quoted() && List.of("yes", "no", "on", "off").contains(s.value().toLowerCase(Locale.ROOT)))) {
      Boolean on = in.bool(node, path);
      return Boolean.TRUE.equals(on) ? new Watch(List.of(own), null, null) : null;
    }
    if (!(node instanceof MapNode map)) {
      List<String> paths = watchPaths(node, path);
      return paths == null || paths.isEmpty() ? null : new Watch(paths, null, null);
    }
    in.keys(map, path, List.of("paths", "ignore", "delay"));
    List<String> paths = map.has("paths") ? watchPaths(map.get("paths"), TreeReader.join(path, "paths")) : List.of(own);
    List<String> ignore = new ArrayList<>(Watch.DEFAULT_IGNORE);
    if (map.has("ignore")) {
      List<String> more = in.strings(map.get("ignore"), TreeReader.join(path, "ignore"), true);
      if (more == null) {
        return null;
      }
      ignore.addAll(more);
    }
    Duration delay = map.has("delay")
        ? in.parse(map.get("delay"), TreeReader.join(path, "delay"), "a duration like 500ms or 2s", DurationParser::parse)
        : Watch.DEFAULT_DELAY;
    return paths == null || paths.isEmpty() || delay == null ? null : new Watch(paths, ignore, delay);
  }

  /** Watched paths, absolute; null after a problem (reported). */
  private List<String> watchPaths(Node node, String path) {
    List<String> written = in.strings(node, path, true);
    if (written == null) {
      return null;
    }
    if (written.isEmpty()) {
      in.report(node.mark(), path, "watch names no path", "write watch: true for the service's folder, or list paths");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      String text = written.get(i);
      String at = node instanceof SeqNode ? TreeReader.item(path, i) : path;
      Path p = in.parse(node instanceof SeqNode seq ? seq.items().get(i) : node, at, "a path",
          t -> VolumeParser.hostPath(ctx.dir(), text));
      if (p == null) {
        return null;
      }
      if (!Files.exists(p)) {
        in.report((node instanceof SeqNode seq ? seq.items().get(i) : node).mark(), at,
            "watch path " + text + " does not exist", "paths are relative to the stack file's folder");
        return null;
      }
      out.add(p.toString());
    }
    return out;
  }

  private String workdir(Node node, String path, String backend) {
    if (node == null) {
      return "native".equals(backend) ? ctx.dir().toString() : null;
    }
    String w = in.nonEmpty(node, path, "a folder");
    if (w == null || !"native".equals(backend)) {
      return w;
    }
    Path dir = in.parse(node, path, "a folder", text -> VolumeParser.hostPath(ctx.dir(), text));
    return dir == null ? null : dir.toString();
  }

  private List<Port> ports(Node node, String path, List<Mark> marks, List<String> paths) {
    List<Port> ports = new ArrayList<>();
    in.eachItem(node, path, "a list of ports like [\"8080:80\"]", (item, itemPath) -> {
      Port p = in.parse(item, itemPath, "a port like 8080 or \"8080:80\"", PortParser::parse);
      if (p != null) {
        ports.add(p);
        marks.add(item.mark());
        paths.add(itemPath);
      }
    });
    return ports;
  }

  private List<Volume> volumes(Node node, String path) {
    List<Volume> volumes = new ArrayList<>();
    in.eachItem(node, path, "a list of mounts like [\"./data:/data\"]", (item, itemPath) -> {
      Volume v = in.parse(item, itemPath, "a mount like \"./data:/data\"", text -> VolumeParser.parse(text, ctx.dir()));
      if (v != null) {
        volumes.add(v);
      }
    });
    return volumes;
  }

  private Map<String, Condition> dependsOn(Node node, String path, Map<String, Mark> marks) {
    Map<String, Condition> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        Node item = seq.items().get(i);
        String name = in.string(item, TreeReader.item(path, i));
        if (name != null) {
          out.put(name, Condition.STARTED);
          marks.put(name, item.mark());
        }
      }
      return out;
    }
    MapNode map = in.map(node, path, "a list of services, or a map service: started|healthy|completed");
    if (map == null) {
      return out;
    }
    for (MapNode.Entry e : TreeReader.entries(map)) {
      Condition c = in.parse(e.value(), TreeReader.join(path, e.key()), "started, healthy or completed", ServiceBinder::condition);
      out.put(e.key(), c == null ? Condition.STARTED : c);
      marks.put(e.key(), e.keyMark());
    }
    return out;
  }

  private static Condition condition(String word) {
    for (Condition c : Condition.values()) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    throw BadValueException.expected("started, healthy or completed", word,
        word.startsWith("service_") ? "write it without service_: " + word.substring(8).replace("_successfully", "") : null);
  }

  private String user(Node node, String path) {
    return in.parse(node, path, "a user like app, 1000 or 1000:1000", text -> {
      if (!text.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?")) {
        throw BadValueException.expected("a user like app, 1000 or 1000:1000", text, null);
      }
      return text;
    });
  }
}
