package dev.stack.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a resolved stack or service: nested {@code LinkedHashMap}s, lists, strings,
 * numbers and booleans, keys spelt as in the stack file and ordered as in docs/stack-file.md,
 * defaults included. {@code stack config} prints it; backends store the {@link Mode#HASHED} form (or
 * its {@link #hash}) to see what changed.
 */
public final class Canonical {

  /** How secret env values appear. */
  public enum Mode {
    /** As {@link EnvValue#MASK}: for showing to people. */
    MASKED,
    /** As {@code sha256:<hex>} of the value: changes when the secret does, reveals nothing. */
    HASHED
  }

  private Canonical() {}

  /** The stack: {@code name}, {@code services}, {@code volumes}. */
  public static Map<String, Object> of(Stack stack, Mode mode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", stack.name());
    Map<String, Object> services = new LinkedHashMap<>();
    stack.services().forEach((name, s) -> services.put(name, of(s, mode)));
    m.put("services", services);
    m.put("volumes", new ArrayList<>(stack.volumes()));
    return m;
  }

  /** One service, without its name. Empty lists and absent optional settings are left out. */
  public static Map<String, Object> of(Service s, Mode mode) {
    Map<String, Object> m = new LinkedHashMap<>();
    putList(m, "command", s.command());
    putList(m, "entrypoint", s.entrypoint());
    putIf(m, "image", s.image());
    if (s.build() != null) {
      m.put("build", build(s.build()));
    }
    putIf(m, "workdir", s.workdir());
    if (!s.env().isEmpty()) {
      Map<String, Object> env = new LinkedHashMap<>();
      s.env().forEach((k, v) -> env.put(k, !v.secret() ? v.value() : mode == Mode.MASKED ? EnvValue.MASK : sha256(v.value())));
      m.put("env", env);
    }
    putList(m, "env_file", s.envFiles());
    putList(m, "ports", s.ports().stream().map(Port::toString).toList());
    putList(m, "volumes", s.volumes().stream().map(Volume::toString).toList());
    if (!s.dependsOn().isEmpty()) {
      Map<String, Object> deps = new LinkedHashMap<>();
      s.dependsOn().forEach((k, c) -> deps.put(k, c.word()));
      m.put("depends_on", deps);
    }
    if (s.health() != null) {
      m.put("health", health(s.health()));
    }
    m.put("restart", restart(s.restart()));
    Map<String, Object> stop = new LinkedHashMap<>();
    stop.put("signal", s.stop().signal());
    stop.put("timeout", Durations.format(s.stop().timeout()));
    m.put("stop", stop);
    if (!s.resources().isEmpty()) {
      Map<String, Object> r = new LinkedHashMap<>();
      putIf(r, "memory", s.resources().memory() == null ? null : s.resources().memory().toString());
      putIf(r, "cpus", s.resources().cpus());
      putIf(r, "pids", s.resources().pids());
      m.put("resources", r);
    }
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("max_size", s.logs().maxSize().toString());
    logs.put("keep", s.logs().keep());
    m.put("logs", logs);
    m.put("replicas", s.replicas());
    putIf(m, "user", s.user());
    m.put("security", security(s.security()));
    m.put("init", s.init());
    m.put("backend", s.backend());
    if (s.watch() != null) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("paths", new ArrayList<Object>(s.watch().paths()));
      w.put("ignore", new ArrayList<Object>(s.watch().ignore()));
      w.put("delay", Durations.format(s.watch().delay()));
      m.put("watch", w);
    }
    return m;
  }

  /** SHA-256 (hex) of the service's {@link Mode#HASHED} form written as compact JSON. */
  public static String hash(Service s) {
    return hash(of(s, Mode.HASHED));
  }

  /** SHA-256 (hex) of a service's {@link Mode#HASHED} form, already made, written as compact JSON. */
  public static String hash(Map<String, Object> hashedForm) {
    return hex(Json.compact(hashedForm));
  }

  private static Map<String, Object> build(Build b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("context", b.context());
    m.put("dockerfile", b.dockerfile());
    if (!b.args().isEmpty()) {
      m.put("args", new LinkedHashMap<String, Object>(b.args()));
    }
    putIf(m, "target", b.target());
    return m;
  }

  private static Map<String, Object> health(Health h) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (h.kind()) {
      case HTTP -> {
        m.put("http", h.target());
        m.put("port", h.port());
      }
      case TCP -> m.put("tcp", h.port());
      case EXEC -> m.put("exec", new ArrayList<Object>(h.exec()));
      case LOG -> m.put("log", h.target());
    }
    m.put("interval", Durations.format(h.interval()));
    m.put("timeout", Durations.format(h.timeout()));
    m.put("retries", h.retries());
    m.put("start_period", Durations.format(h.startPeriod()));
    return m;
  }

  private static Map<String, Object> restart(RestartPolicy r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", r.policy().word());
    m.put("max_restarts", r.maxRestarts());
    m.put("backoff", Durations.format(r.backoff()));
    m.put("max_backoff", Durations.format(r.maxBackoff()));
    m.put("min_uptime", Durations.format(r.minUptime()));
    putIf(m, "max_memory", r.maxMemory() == null ? null : r.maxMemory().toString());
    return m;
  }

  private static Map<String, Object> security(Security s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("no_new_privileges", s.noNewPrivileges());
    m.put("cap_drop", new ArrayList<Object>(s.capDrop()));
    m.put("cap_add", new ArrayList<Object>(s.capAdd()));
    m.put("read_only", s.readOnly());
    m.put("tmpfs", new ArrayList<Object>(s.tmpfs()));
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void putList(Map<String, Object> m, String key, List<String> values) {
    if (!values.isEmpty()) {
      m.put(key, new ArrayList<Object>(values));
    }
  }

  private static String sha256(String value) {
    return "sha256:" + hex(value);
  }

  private static String hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
