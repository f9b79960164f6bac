package dev.stack.nativ;

import dev.stack.model.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The cgroup of one instance: on v1 one folder per controller, on v2 one folder. The instance's
 * process is born inside (v1: {@link ThreadJoin}) or its prologue joins it before exec (v2), so
 * every process it forks is inside, even one that calls setsid.
 *
 * @param version 1 or 2
 * @param dirs v1: controller name -> folder; v2: {@code ""} -> folder
 * @param oomBaseline OOM kills already counted when the instance started (a reused folder)
 */
record InstanceCgroup(int version, Map<String, Path> dirs, long oomBaseline) {

  private static final long CFS_PERIOD_US = 100_000;

  InstanceCgroup {
    dirs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
  }

  InstanceCgroup withOomBaseline() {
    return new InstanceCgroup(version, dirs, oomKills());
  }

  /** The folder with the memory controller. */
  Path memoryDir() {
    return dirs.getOrDefault(version == 1 ? "memory" : "", dirs.values().iterator().next());
  }

  /** Shell commands that move the shell running them ({@code $$}) into this cgroup. */
  String joinScript() {
    StringBuilder sb = new StringBuilder();
    for (Path dir : dirs.values()) {
      String procs = dir.resolve("cgroup.procs").toString();
      sb.append("echo $$ > ").append(Launcher.quote(procs)).append(" || { echo ")
          .append(Launcher.quote("stack: cannot join cgroup " + dir)).append(" >&2; exit 125; }\n");
    }
    return sb.toString();
  }

  /** Writes the limits; a limit not given is set to unlimited (the folder may be reused). */
  void apply(Resources r) throws IOException {
    String mem = r.memory() == null ? null : Long.toString(r.memory().bytes());
    if (version == 1) {
      Path m = dirs.get("memory");
      // memsw must stay >= memory: lift it first, then set both (no swapping past the limit)
      writeIfPresent(m.resolve("memory.memsw.limit_in_bytes"), "-1");
      write(m.resolve("memory.limit_in_bytes"), mem == null ? "-1" : mem);
      if (mem != null) {
        writeIfPresent(m.resolve("memory.memsw.limit_in_bytes"), mem);
      }
      Path cpu = dirs.get("cpu");
      if (cpu != null) {
        write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
        write(cpu.resolve("cpu.cfs_quota_us"), r.cpus() == null ? "-1" : Long.toString(quotaUs(r.cpus())));
      } else if (r.cpus() != null) {
        throw new IOException("no cgroup cpu controller for cpus: " + r.cpus());
      }
      Path pids = dirs.get("pids");
      if (pids != null) {
        write(pids.resolve("pids.max"), r.pids() == null ? "max" : r.pids().toString());
      } else if (r.pids() != null) {
        throw new IOException("no cgroup pids controller for pids: " + r.pids());
      }
    } else {
      Path d = dirs.get("");
      write(d.resolve("memory.max"), mem == null ? "max" : mem);
      writeIfPresent(d.resolve("memory.swap.max"), mem == null ? "max" : "0");
      if (r.cpus() != null || Files.exists(d.resolve("cpu.max"))) {
        write(d.resolve("cpu.max"), (r.cpus() == null ? "max" : Long.toString(quotaUs(r.cpus()))) + " " + CFS_PERIOD_US);
      }
      write(d.resolve("pids.max"), r.pids() == null ? "max" : r.pids().toString());
    }
  }

  static long quotaUs(double cpus) {
    return Math.max(1000, Math.round(cpus * CFS_PERIOD_US));
  }

  /** The agent's own pid, listed while one of its threads spawns inside (see {@link ThreadJoin}). */
  private static final int AGENT = (int) ProcessHandle.current().pid();

  /** Pids of every process in the cgroup but the agent. */
  List<Integer> procs() {
    TreeSet<Integer> pids = new TreeSet<>();
    for (Path dir : dirs.values()) {
      try {
        for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
          if (!line.isBlank()) {
            pids.add(Integer.parseInt(line.trim()));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // a removed folder has no processes
      }
    }
    pids.remove(AGENT);
    return new ArrayList<>(pids);
  }

  /** How often the kernel's OOM killer killed inside this cgroup (ever). */
  long oomKills() {
    Path f = memoryDir().resolve(version == 1 ? "memory.oom_control" : "memory.events");
    try {
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("oom_kill ")) {
          return Long.parseLong(line.substring(9).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone or an old kernel without the counter
    }
    return 0;
  }

  /** The configured memory limit in bytes, if any. */
  Optional<Long> memoryLimit() {
    Path f = memoryDir().resolve(version == 1 ? "memory.limit_in_bytes" : "memory.max");
    try {
      String v = Files.readString(f).trim();
      long n = v.equals("max") ? Long.MAX_VALUE : Long.parseLong(v);
      return n >= (1L << 62) ? Optional.empty() : Optional.of(n);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Removes the folders once empty; true when all are gone. */
  boolean remove() {
    boolean all = true;
    for (Path dir : dirs.values()) {
      try {
        Files.deleteIfExists(dir); // rmdir(2): a cgroup folder's files are not real files
        try {
          Files.deleteIfExists(dir.getParent()); // stack/<stack> once its last instance is gone
        } catch (IOException notEmpty) {
          // other instances of the stack remain
        }
      } catch (IOException busy) {
        all = false;
      }
    }
    return all;
  }

  /** For the handle: {@code 1|memory=/sys/...;cpu=/sys/...|oomBaseline}. */
  String encode() {
    StringBuilder sb = new StringBuilder().append(version).append('|');
    dirs.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
    return sb.append('|').append(oomBaseline).toString();
  }

  static Optional<InstanceCgroup> decode(String s) {
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = s.split("\\|", -1);
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (String kv : parts[1].split(";")) {
      int eq = kv.indexOf('=');
      if (eq >= 0) {
        dirs.put(kv.substring(0, eq), Path.of(kv.substring(eq + 1)));
      }
    }
    return dirs.isEmpty() ? Optional.empty()
        : Optional.of(new InstanceCgroup(Integer.parseInt(parts[0]), dirs, Long.parseLong(parts[2])));
  }

  private static void write(Path f, String value) throws IOException {
    Files.writeString(f, value);
  }

  private static void writeIfPresent(Path f, String value) {
    try {
      Files.writeString(f, value);
    } catch (IOException e) {
      // no swap accounting on this host: memory alone is limited
    }
  }
}
