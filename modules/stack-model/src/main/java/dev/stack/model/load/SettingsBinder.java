package dev.stack.model.load;

import dev.stack.model.ByteSize;
import dev.stack.model.Health;
import dev.stack.model.LogSpec;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.RestartPolicy;
import dev.stack.model.Security;
import dev.stack.model.StopSpec;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Binds a service's nested settings: health, restart, stop, resources, logs, security. Absent means the default. */
final class SettingsBinder {

  static final List<String> HEALTH_KEYS = List.of("http", "tcp", "exec", "log", "port", "interval", "timeout",
      "retries", "start_period");
  static final List<String> HEALTH_KINDS = List.of("http", "tcp", "exec", "log");
  static final List<String> RESTART_KEYS = List.of("policy", "max_restarts", "backoff", "max_backoff", "min_uptime",
      "max_memory");
  private static final String DURATION = "a duration like 500ms or 10s";
  private static final String SIZE = "a size like 256m or 1g";

  private final TreeReader in;

  SettingsBinder(TreeReader in) {
    this.in = in;
  }

  Health health(Node node, String path, List<Port> ports) {
    MapNode map = in.section(node, path, "a map with one of http, tcp, exec or log", HEALTH_KEYS);
    if (map == null) {
      return null;
    }
    List<String> kinds = HEALTH_KINDS.stream().filter(map::has).toList();
    Duration interval = duration(map, path, "interval", Health.DEFAULT_INTERVAL);
    Duration timeout = duration(map, path, "timeout", Health.DEFAULT_TIMEOUT);
    Duration startPeriod = duration(map, path, "start_period", Duration.ZERO);
    Integer retries = map.has("retries") ? in.integer(map.get("retries"), TreeReader.join(path, "retries"), 1, 1000) : null;
    Integer port = map.has("port") ? in.integer(map.get("port"), TreeReader.join(path, "port"), 1, 65535) : null;
    if (kinds.size() != 1) {
      in.report(map.mark(), path, "a health check needs exactly one of http, tcp, exec or log, got "
          + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)),
          kinds.isEmpty() ? "e.g. health: {http: /health}" : "keep one probe");
      return null;
    }
    String kind = kinds.get(0);
    Node probe = map.get(kind);
    String kindPath = TreeReader.join(path, kind);
    String target = null;
    int probePort = 0;
    List<String> exec = List.of();
    switch (kind) {
      case "http" -> {
        target = in.nonEmpty(probe, kindPath, "a path like /health");
        if (target != null && !target.startsWith("/")) {
          in.report(probe.mark(), kindPath, "expected a path like /health, got " + BadValueException.quote(target), null);
        }
        probePort = port != null ? port : ports.isEmpty() ? 0 : ports.get(0).containerPort();
        if (probePort == 0 && !map.has("port")) {
          in.report(probe.mark(), kindPath, "an http check needs a port, and the service has no ports",
              "add port: N to health, or ports: [N] to the service");
        }
      }
      case "tcp" -> probePort = orZero(in.integer(probe, kindPath, 1, 65535));
      case "exec" -> exec = in.argv(probe, kindPath);
      default -> target = regex(probe, kindPath);
    }
    if (map.has("port") && !kind.equals("http")) {
      in.report(map.get("port").mark(), TreeReader.join(path, "port"), "port is only used by an http check",
          kind.equals("tcp") ? "write the port as tcp: N" : "remove it");
    }
    if (kind.equals("exec") && exec.isEmpty() && probe instanceof ScalarNode) {
      in.report(probe.mark(), kindPath, "the exec check's command is empty", "e.g. exec: [pg_isready, -q]");
    }
    boolean probeOk = switch (kind) {
      case "http" -> target != null && probePort != 0;
      case "tcp" -> probePort != 0;
      case "exec" -> !exec.isEmpty();
      default -> target != null;
    };
    if (!probeOk || interval == null || timeout == null || startPeriod == null || (map.has("retries") && retries == null)) {
      return null;
    }
    return new Health(Health.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), target, probePort, exec,
        interval, timeout, retries == null ? Health.DEFAULT_RETRIES : retries, startPeriod);
  }

  private String regex(Node node, String path) {
    String text = in.nonEmpty(node, path, "a regular expression");
    if (text == null) {
      return null;
    }
    try {
      Pattern.compile(text);
      return text;
    } catch (PatternSyntaxException e) {
      in.report(node.mark(), path, "invalid regular expression " + BadValueException.quote(text) + ": "
          + e.getDescription(), null);
      return null;
    }
  }

  RestartPolicy restart(Node node, String path) {
    RestartPolicy d = RestartPolicy.DEFAULT;
    if (node == null) {
      return d;
    }
    if (node instanceof ScalarNode) {
      RestartPolicy.Policy p = in.parse(node, path, "always, on-failure or no", SettingsBinder::policy);
      return p == null ? d : new RestartPolicy(p, d.maxRestarts(), d.backoff(), d.maxBackoff(), d.minUptime(), null);
    }
    MapNode map = in.map(node, path, "a map, or a policy always, on-failure or no");
    if (map == null) {
      return d;
    }
    in.keys(map, path, RESTART_KEYS);
    RestartPolicy.Policy policy = map.has("policy")
        ? in.parse(map.get("policy"), TreeReader.join(path, "policy"), "always, on-failure or no", SettingsBinder::policy) : null;
    Integer max = map.has("max_restarts") ? in.integer(map.get("max_restarts"), TreeReader.join(path, "max_restarts"), 0, Integer.MAX_VALUE) : null;
    Duration backoff = duration(map, path, "backoff", d.backoff());
    Duration maxBackoff = duration(map, path, "max_backoff", d.maxBackoff());
    Duration minUptime = duration(map, path, "min_uptime", d.minUptime());
    ByteSize maxMemory = map.has("max_memory") ? in.parse(map.get("max_memory"), TreeReader.join(path, "max_memory"), SIZE, SizeParser::parse) : null;
    if (backoff == null || maxBackoff == null || minUptime == null) {
      return d;
    }
    if (maxBackoff.compareTo(backoff) < 0) {
      Node at = map.has("max_backoff") ? map.get("max_backoff") : map.get("backoff");
      in.report(at.mark(), TreeReader.join(path, "max_backoff"), "max_backoff (" + dev.stack.model.Durations.format(maxBackoff)
          + ") is less than backoff (" + dev.stack.model.Durations.format(backoff) + ")",
          "backoff doubles up to max_backoff; make max_backoff at least backoff");
      return d;
    }
    return new RestartPolicy(policy == null ? d.policy() : policy, max == null ? d.maxRestarts() : max,
        backoff, maxBackoff, minUptime, maxMemory);
  }

  private static RestartPolicy.Policy policy(String word) {
    RestartPolicy.Policy p = RestartPolicy.Policy.of(word);
    if (p == null) {
      String hint = switch (word) {
        case "false", "never", "none" -> "write no";
        case "true", "unless-stopped", "on_failure", "onfailure" -> word.equals("true") ? "write always" : "did you mean 'on-failure'?";
        default -> null;
      };
      throw BadValueException.expected("always, on-failure or no", word, hint);
    }
    return p;
  }

  StopSpec stop(Node node, String path) {
    StopSpec d = StopSpec.DEFAULT;
    MapNode map = in.section(node, path, "a map {signal, timeout}", List.of("signal", "timeout"));
    if (map == null) {
      return d;
    }
    String signal = map.has("signal") ? in.parse(map.get("signal"), TreeReader.join(path, "signal"), "a signal like TERM", SignalNames::parse) : d.signal();
    Duration timeout = duration(map, path, "timeout", d.timeout());
    return signal == null || timeout == null ? d : new StopSpec(signal, timeout);
  }

  Resources resources(Node node, String path) {
    MapNode map = in.section(node, path, "a map {memory, cpus, pids}", List.of("memory", "cpus", "pids"));
    if (map == null) {
      return Resources.NONE;
    }
    ByteSize memory = map.has("memory") ? in.parse(map.get("memory"), TreeReader.join(path, "memory"), SIZE, SizeParser::parse) : null;
    if (memory != null && memory.bytes() < 4L << 20) {
      in.report(map.get("memory").mark(), TreeReader.join(path, "memory"), "memory limit " + memory + " is below 4m",
          "sizes without a unit are bytes; write 256m for megabytes");
      memory = null;
    }
    Double cpus = map.has("cpus") ? in.number(map.get("cpus"), TreeReader.join(path, "cpus")) : null;
    if (cpus != null && !(cpus > 0)) {
      in.report(map.get("cpus").mark(), TreeReader.join(path, "cpus"), "expected a positive number of CPUs, got "
          + TreeReader.got(map.get("cpus")), "e.g. cpus: 0.5");
      cpus = null;
    }
    Integer pids = map.has("pids") ? in.integer(map.get("pids"), TreeReader.join(path, "pids"), 1, Integer.MAX_VALUE) : null;
    return new Resources(memory, cpus, pids);
  }

  LogSpec logs(Node node, String path) {
    LogSpec d = LogSpec.DEFAULT;
    MapNode map = in.section(node, path, "a map {max_size, keep}", List.of("max_size", "keep"));
    if (map == null) {
      return d;
    }
    ByteSize size = map.has("max_size") ? in.parse(map.get("max_size"), TreeReader.join(path, "max_size"), SIZE, SizeParser::parse) : d.maxSize();
    if (size != null && size.bytes() < 1024) {
      in.report(map.get("max_size").mark(), TreeReader.join(path, "max_size"), "log files must be at least 1k, got " + size,
          "sizes without a unit are bytes; write 10m for megabytes");
      size = null;
    }
    Integer keep = map.has("keep") ? in.integer(map.get("keep"), TreeReader.join(path, "keep"), 0, 1000) : Integer.valueOf(d.keep());
    return size == null || keep == null ? d : new LogSpec(size, keep);
  }

  Security security(Node node, String path) {
    MapNode map = in.section(node, path, "a map {no_new_privileges, cap_drop, cap_add, read_only, tmpfs}",
        List.of("no_new_privileges", "cap_drop", "cap_add", "read_only", "tmpfs"));
    if (map == null) {
      return Security.NONE;
    }
    Boolean nnp = map.has("no_new_privileges") ? in.bool(map.get("no_new_privileges"), TreeReader.join(path, "no_new_privileges")) : null;
    Boolean readOnly = map.has("read_only") ? in.bool(map.get("read_only"), TreeReader.join(path, "read_only")) : null;
    List<String> drop = strings(map, path, "cap_drop");
    List<String> add = strings(map, path, "cap_add");
    List<String> tmpfs = strings(map, path, "tmpfs");
    for (int i = 0; i < tmpfs.size(); i++) {
      if (!tmpfs.get(i).startsWith("/")) {
        in.report(map.get("tmpfs").mark(), TreeReader.item(TreeReader.join(path, "tmpfs"), i),
            "expected an absolute path inside the container, got " + BadValueException.quote(tmpfs.get(i)), null);
      }
    }
    return new Security(Boolean.TRUE.equals(nnp), drop, add, Boolean.TRUE.equals(readOnly), tmpfs);
  }

  private List<String> strings(MapNode map, String path, String key) {
    if (!map.has(key)) {
      return List.of();
    }
    List<String> list = in.strings(map.get(key), TreeReader.join(path, key), false);
    return list == null ? new ArrayList<>() : list;
  }

  private Duration duration(MapNode map, String path, String key, Duration fallback) {
    Node node = map.get(key);
    return node == null ? fallback : in.parse(node, TreeReader.join(path, key), DURATION, DurationParser::parse);
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
