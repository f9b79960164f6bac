package dev.stack.agent.supervisor;

import dev.stack.core.health.ProbeResult;
import dev.stack.core.render.Ansi;
import dev.stack.core.render.PsTable;
import dev.stack.core.spi.Capabilities;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Running;
import dev.stack.core.spi.Usage;
import dev.stack.core.status.HealthState;
import dev.stack.core.status.State;
import dev.stack.model.Canonical;
import dev.stack.model.Port;
import dev.stack.model.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The status of instances as {@code ps} and {@code describe} show them (the {@code --json} schema). */
final class StatusRows {

  private StatusRows() {}

  /**
   * The {@code ps} answer as the CLI prints it, when it asks with {@code table: {columns, color}}:
   * {@code profile}, {@code count} and the rendered {@code table}. Rendered here, in the agent's
   * warm code: parsing the rows of 100 services and rendering them took the CLI's short-lived JVM
   * ~25 ms of its ~190 (cold code). Without {@code table}, the answer is {@code ps} itself.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> table(Map<String, Object> ps, Map<String, Object> args) {
    if (!(args.get("table") instanceof Map<?, ?> table)) {
      return ps;
    }
    List<Map<String, Object>> rows = (List<Map<String, Object>>) ps.get("instances");
    int columns = table.get("columns") instanceof Number n ? n.intValue() : 80;
    Ansi ansi = Boolean.TRUE.equals(table.get("color")) ? Ansi.ON : Ansi.OFF;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("profile", ps.get("profile"));
    answer.put("count", rows.size());
    // names are prefixed with their stack for every stack (--all), and when one file runs two
    // (its name: changed while the first ran): the rows of both would look alike otherwise
    boolean withStack = Boolean.TRUE.equals(args.get("all"))
        || rows.stream().map(r -> r.get("stack")).distinct().count() > 1;
    answer.put("table", rows.isEmpty() ? "" : PsTable.render(rows, withStack, ansi, columns));
    return answer;
  }

  /**
   * The {@code ps} answer: {@code profile} and the rows of the stack of {@code file}, or of every
   * stack with {@code all} (then without a profile: each stack has its own).
   */
  static Map<String, Object> ps(Collection<StackRun> runs, boolean all, String file) {
    List<Object> rows = new ArrayList<>();
    String profile = null;
    for (StackRun run : runs) {
      if (all || run.request().file().equals(file)) {
        profile = run.request().profile();
        for (InstanceSupervisor s : run.instances()) {
          rows.add(row(run, s));
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("profile", all ? null : profile);
    result.put("instances", rows);
    return result;
  }

  /** The word {@code ps} shows: the state, or the health of an online instance that has a probe. */
  static String status(State state, HealthState health) {
    if (state == State.ONLINE && health != HealthState.NONE) {
      return health == HealthState.STARTING ? "starting" : health.word();
    }
    return state.word();
  }

  static Map<String, Object> row(StackRun run, InstanceSupervisor s) {
    Service svc = s.spec().service();
    State state = s.state();
    HealthState health = s.health();
    Optional<Running> running = s.running();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", run.name());
    m.put("instance", s.id().displayName());
    m.put("service", s.id().service());
    m.put("index", s.id().index());
    m.put("backend", svc.backend());
    m.put("id", running.map(Running::displayId).orElse(null));
    m.put("pid", running.map(Running::pid).filter(p -> p > 0).orElse(null));
    m.put("status", status(state, health));
    m.put("state", state.word());
    m.put("health", health.word());
    Instant since = s.startedAt();
    m.put("uptime_ms", running.isPresent() && since != null ? Duration.between(since, Instant.now()).toMillis() : null);
    m.put("restarts", s.restarts());
    Optional<Usage> usage = running.flatMap(Running::usage);
    m.put("cpu_percent", usage.map(Usage::cpuPercent).orElse(null));
    m.put("memory_bytes", usage.map(Usage::memoryBytes).orElse(null));
    List<String> ports = new ArrayList<>();
    List<String> reach = new ArrayList<>();
    boolean nativeBackend = "native".equals(svc.backend());
    for (Port p : svc.ports()) {
      ports.add(p.toString());
      reach.add(reach(p, nativeBackend, s.id().index(), s.spec().publishAddress()));
    }
    m.put("ports", ports);
    m.put("reach", reach);
    boolean limited = !svc.resources().isEmpty();
    Capabilities.Enforcement enforcement = running.map(Running::enforcement).orElse(null);
    m.put("limits", limited);
    m.put("limits_enforced", limited && enforcement != null ? enforcement.enforced() : null);
    m.put("enforcement", limited && enforcement != null ? enforcement.how() : null);
    ExitStatus exit = s.lastExit();
    m.put("last_exit", exit == null ? null : exit.describe());
    return m;
  }

  /**
   * Where a port is reached from this machine: {@code 8081} for a native process (on 127.0.0.1),
   * {@code 127.0.0.1:5432} or {@code *:8080} for a published container port, {@code (5432)} for
   * one only the stack network reaches.
   */
  static String reach(Port p, boolean nativeBackend, int index, String publishAddress) {
    if (nativeBackend) {
      return Integer.toString(p.instancePort(index)) + ("udp".equals(p.protocol()) ? "/udp" : "");
    }
    if (!p.published()) {
      return "(" + p.containerPort() + ")";
    }
    String ip = p.hostIp() != null ? p.hostIp() : publishAddress;
    String host = "0.0.0.0".equals(ip) || "::".equals(ip) ? "*" : ip;
    return host + ":" + (p.hostPort() == p.hostPortEnd() ? Integer.toString(p.hostPort()) : p.hostPort() + "-" + p.hostPortEnd());
  }

  static Map<String, Object> describe(StackRun run, String service) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stack", run.name());
    m.put("service", service);
    m.put("profile", run.request().profile());
    m.put("definition", Canonical.of(run.stack().services().get(service), Canonical.Mode.MASKED));
    List<Object> instances = new ArrayList<>();
    for (InstanceSupervisor s : run.instances()) {
      if (!s.id().service().equals(service)) {
        continue;
      }
      Map<String, Object> i = row(run, s);
      s.running().ifPresent(r -> {
        i.put("handle", r.handle().fields());
        List<Long> processes = r.processes();
        if (!processes.isEmpty()) {
          i.put("processes", processes);
        }
      });
      List<Object> restarts = new ArrayList<>();
      for (RestartRecord r : s.history()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", r.at().toString());
        e.put("exit", r.exit());
        e.put("uptime_ms", r.uptimeMillis());
        e.put("decision", r.decision());
        restarts.add(e);
      }
      i.put("restart_history", restarts);
      List<Object> probes = new ArrayList<>();
      for (ProbeResult p : s.probes()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", p.at().toString());
        e.put("ok", p.ok());
        e.put("detail", p.detail());
        probes.add(e);
      }
      i.put("health_history", probes);
      if (s.lastError() != null) {
        i.put("last_error", s.lastError());
      }
      instances.add(i);
    }
    m.put("instances", instances);
    return m;
  }
}
