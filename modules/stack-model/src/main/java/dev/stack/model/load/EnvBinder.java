package dev.stack.model.load;

import dev.stack.model.EnvValue;
import dev.stack.model.StackFileException;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Binds a service's {@code env_file} and {@code env}: files first, then {@code env} wins; secrets read from files. */
final class EnvBinder {

  /** Variable names, as {@link DotEnv} accepts them. */
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final TreeReader in;
  private final BindContext ctx;
  private final List<String> files = new ArrayList<>();

  EnvBinder(TreeReader in, BindContext ctx) {
    this.in = in;
    this.ctx = ctx;
  }

  /** The env files read, absolute, after {@link #bind}. */
  List<String> files() {
    return files;
  }

  Map<String, EnvValue> bind(MapNode service, String path) {
    Map<String, EnvValue> env = new LinkedHashMap<>();
    if (service.has("env_file")) {
      envFiles(service.get("env_file"), TreeReader.join(path, "env_file"), env);
    }
    Node node = service.get("env");
    String envPath = TreeReader.join(path, "env");
    if (node == null) {
      return env;
    }
    if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        listEntry(seq.items().get(i), TreeReader.item(envPath, i), env);
      }
      return env;
    }
    MapNode map = in.map(node, envPath, "a map KEY: value, or a list of KEY=value");
    if (map == null) {
      return env;
    }
    for (MapNode.Entry e : map.entries().values()) {
      String keyPath = TreeReader.join(envPath, e.key());
      if (!NAME.matcher(e.key()).matches()) {
        in.report(e.keyMark(), keyPath, "invalid variable name \"" + e.key() + "\"",
            "names take letters, digits and _, and do not start with a digit");
        continue;
      }
      if (e.value() instanceof ScalarNode s && s.isNull()) {
        env.remove(e.key());
        continue;
      }
      EnvValue v = value(e.value(), keyPath);
      if (v != null) {
        env.remove(e.key()); // a value set here moves to where env lists it
        env.put(e.key(), v);
      }
    }
    return env;
  }

  private void listEntry(Node item, String path, Map<String, EnvValue> env) {
    String text = in.string(item, path);
    if (text == null) {
      return;
    }
    int eq = text.indexOf('=');
    if (eq < 0) {
      in.report(item.mark(), path, "expected KEY=value, got " + BadValueException.quote(text),
          "write " + text + "=VALUE, or use the map form env: {" + text + ": VALUE}");
      return;
    }
    String key = text.substring(0, eq);
    if (!NAME.matcher(key).matches()) {
      in.report(item.mark(), path, "invalid variable name \"" + key + "\"",
          "names take letters, digits and _, and do not start with a digit");
      return;
    }
    env.remove(key);
    env.put(key, EnvValue.plain(text.substring(eq + 1)));
  }

  /** A scalar (as written), or a secret {@code {secret: true, value|file}}. */
  private EnvValue value(Node node, String path) {
    if (node instanceof ScalarNode s) {
      return EnvValue.plain(s.value());
    }
    MapNode map = in.map(node, path, "a value, or {secret: true, value: ...}");
    if (map == null) {
      return null;
    }
    in.keys(map, path, List.of("secret", "value", "file"));
    Boolean secret = map.has("secret") ? in.bool(map.get("secret"), TreeReader.join(path, "secret")) : null;
    if (map.has("value") == map.has("file")) {
      in.report(map.mark(), path, "a secret needs exactly one of value and file, got "
          + (map.has("value") ? "both" : "neither"), "write {secret: true, value: \"...\"} or {secret: true, file: ./path}");
      return null;
    }
    if (!map.has("secret")) {
      in.report(map.mark(), path, "a map value must say secret: true", "write {secret: true, value: \"...\"}");
      return null;
    }
    String text = map.has("value") ? in.string(map.get("value"), TreeReader.join(path, "value"))
        : secretFile(map.get("file"), TreeReader.join(path, "file"));
    return text == null || secret == null ? null : new EnvValue(text, secret);
  }

  private String secretFile(Node node, String path) {
    String written = in.nonEmpty(node, path, "a file path");
    if (written == null) {
      return null;
    }
    Path file = VolumeParser.hostPath(ctx.dir(), written);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
          : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      in.report(node.mark(), path, "cannot read secret file " + written + (Files.exists(file) ? "" : ": no such file"),
          "the path is relative to the stack file's folder");
      return null;
    }
  }

  private void envFiles(Node node, String path, Map<String, EnvValue> env) {
    List<String> written = in.strings(node, path, true);
    if (written == null) {
      return;
    }
    for (String w : written) {
      Path file = VolumeParser.hostPath(ctx.dir(), w);
      if (!Files.isRegularFile(file)) {
        in.report(node.mark(), path, "env file " + w + " not found", "the path is relative to the stack file's folder");
        continue;
      }
      try {
        DotEnv.read(file, w, false).forEach((k, v) -> env.put(k, EnvValue.plain(v)));
        files.add(file.toString());
      } catch (StackFileException e) {
        in.problems().addAll(e.problems());
      }
    }
  }
}
