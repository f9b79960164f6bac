package dev.stack.nativ;

import dev.stack.core.spi.Capabilities.Enforcement;
import dev.stack.core.spi.InstanceId;
import dev.stack.model.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cgroups this process may create on this host, found at runtime: cgroup v2 where its
 * hierarchy has the memory controller, else the v1 controllers (memory, cpu, cpuacct, pids); in
 * either case only where the folder {@code stack} may be created or written under the hierarchy's
 * root (root, or a delegated hierarchy). Each instance gets {@code stack/<stack>/<service>-<index>.<home>}
 * (see {@link #folder}).
 */
final class CgroupHost {

  private static final List<String> V1_CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids");

  private final int version;
  /** v1: controller -> mount point; v2: "" -> mount point. */
  private final Map<String, Path> roots;
  private final Enforcement enforcement;
  /** v1: how a spawning thread joins an instance's cgroup; null on v2 (a prologue joins). */
  private final ThreadJoin threadJoin;
  /** Instance cgroup (by its memory folder) -> starts using it; guarded by {@link #lock}. */
  private final Map<String, Integer> users = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  /** Ended instances' cgroups whose removal waits a moment (a restart keeps them); by identity. */
  private final Set<InstanceCgroup> pending = Collections.newSetFromMap(new IdentityHashMap<>());

  private CgroupHost(int version, Map<String, Path> roots, Enforcement enforcement) {
    this.version = version;
    this.roots = roots;
    this.enforcement = enforcement;
    // "shell": the prologue on v1 too (tests use it to cover what v2 hosts run)
    this.threadJoin = version == 1 && !"shell".equals(System.getProperty(JOIN_PROPERTY)) ? new ThreadJoin(roots) : null;
  }

  /** The system property that makes instances join their cgroup through the shell prologue on v1 too. */
  static final String JOIN_PROPERTY = "stack.cgroup.join";

  /** On cgroup v1, spawns inside an instance's cgroup without a prologue; empty elsewhere. */
  Optional<ThreadJoin> threadJoin() {
    return Optional.ofNullable(threadJoin);
  }

  /** Looks at {@code /proc/self/mounts} and what this uid may write. */
  static CgroupHost detect() {
    int uid = LibC.INSTANCE.geteuid();
    List<String[]> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        mounts.add(line.split(" "));
      }
    } catch (IOException e) {
      return none("no cgroups: cannot read /proc/self/mounts");
    }
    for (String[] m : mounts) {
      if (m.length > 2 && m[2].equals("cgroup2")) {
        Path root = Path.of(m[1]);
        if (controllers(root).contains("memory")) {
          return writable(root) ? new CgroupHost(2, Map.of("", root), new Enforcement(true, "cgroup v2"))
              : none("no writable cgroup for uid " + uid + " (cgroup v2 at " + root + ")");
        }
      }
    }
    Map<String, Path> v1 = new LinkedHashMap<>();
    for (String[] m : mounts) {
      if (m.length > 3 && m[2].equals("cgroup")) {
        for (String opt : m[3].split(",")) {
          if (V1_CONTROLLERS.contains(opt)) {
            v1.putIfAbsent(opt, Path.of(m[1]));
          }
        }
      }
    }
    if (!v1.containsKey("memory")) {
      return none("no cgroup memory controller mounted");
    }
    for (Path root : v1.values()) {
      if (!writable(root)) {
        return none("no writable cgroup for uid " + uid);
      }
    }
    return new CgroupHost(1, v1, new Enforcement(true, "cgroup v1"));
  }

  /** A host where cgroups are not used, for the reason given. */
  static CgroupHost none(String why) {
    return new CgroupHost(0, Map.of(), new Enforcement(false, why));
  }

  private static boolean writable(Path root) {
    Path own = root.resolve("stack");
    return Files.isDirectory(own) ? Files.isWritable(own) : Files.isWritable(root);
  }

  private static String controllers(Path root) {
    try {
      return Files.readString(root.resolve("cgroup.controllers"));
    } catch (IOException e) {
      return "";
    }
  }

  /** Whether limits can be enforced here, and how or why not. */
  Enforcement enforcement() {
    return enforcement;
  }

  /**
   * Creates (or reuses) the cgroup of one instance, with the controllers its limits need (on v1:
   * memory always, to hold the tree and see OOM kills; cpu and pids only when limited, since each
   * folder costs a slow mkdir and rmdir). Empty where cgroups cannot be used.
   *
   * @param runDir the instance's private run folder: which home (agent) runs it
   */
  Optional<InstanceCgroup> create(InstanceId id, Path runDir, Resources limits) throws IOException {
    if (version == 0) {
      return Optional.empty();
    }
    Path rel = folder(id, runDir);
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : roots.entrySet()) {
      String c = e.getKey();
      boolean needed = version == 2 || c.equals("memory") || c.equals("cpu") && limits.cpus() != null
          || c.equals("pids") && limits.pids() != null;
      if (needed && !dirs.containsValue(e.getValue().resolve(rel))) {
        dirs.put(c, e.getValue().resolve(rel));
      }
    }
    if (limits.cpus() != null && version == 1 && !dirs.containsKey("cpu")) {
      throw new IOException("no cgroup cpu controller mounted for cpus: " + limits.cpus());
    }
    if (limits.pids() != null && version == 1 && !dirs.containsKey("pids")) {
      throw new IOException("no cgroup pids controller mounted for pids: " + limits.pids());
    }
    String key = dirs.get(version == 1 ? "memory" : "").toString();
    synchronized (lock(key)) {
      users.merge(key, 1, Integer::sum);
      try {
        for (Path dir : dirs.values()) {
          if (version == 2) {
            enableControllers(roots.get(""), rel);
          }
          Files.createDirectories(dir);
        }
      } catch (IOException e) {
        users.merge(key, -1, Integer::sum);
        throw e;
      }
    }
    return Optional.of(new InstanceCgroup(version, dirs, 0).withOomBaseline());
  }

  /**
   * The cgroup folder of an instance, under the hierarchy's root: {@code stack/<stack>/<service>-<index>.<home>},
   * {@code <home>} eight hex digits of a hash of the instance's run folder. The cgroups of a host
   * are shared by every agent on it, one per home, and two homes may run stacks of the same name
   * (a user's own and a test's, or root's two): without it, {@code stop} or {@code down} in one home
   * killed the other's services (everything in the cgroup is stopped), which its agent restarted.
   */
  static Path folder(InstanceId id, Path runDir) {
    String home = Integer.toHexString(runDir.toAbsolutePath().normalize().toString().hashCode());
    return Path.of("stack", id.stack(), id.service() + "-" + id.index() + "." + "0".repeat(8 - home.length()) + home);
  }

  /** A re-adopted instance uses {@code cgroup} from now on. */
  void adopt(InstanceCgroup cgroup) {
    String key = cgroup.memoryDir().toString();
    synchronized (lock(key)) {
      users.merge(key, 1, Integer::sum);
    }
  }

  /**
   * The instance using {@code cgroup} has ended: its folders are removed once no new start of the
   * same instance uses them and no process is left inside (see {@link #removeIfUnused}).
   *
   * @param remove false when this agent lets go of a live instance without ending it
   */
  void release(InstanceCgroup cgroup, boolean remove) {
    String key = cgroup.memoryDir().toString();
    synchronized (lock(key)) {
      users.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
    if (remove) {
      removeIfUnused(cgroup);
    }
  }

  /** {@code cgroup}'s instance ended; {@link #releasePending} releases it unless a {@link #releaseNow} came first. */
  void releaseLater(InstanceCgroup cgroup) {
    synchronized (pending) {
      pending.add(cgroup);
    }
  }

  /** The delayed {@link #release} of a cgroup passed to {@link #releaseLater}; once only. */
  void releaseNow(InstanceCgroup cgroup) {
    boolean was;
    synchronized (pending) {
      was = pending.remove(cgroup);
    }
    if (was) {
      release(cgroup, true);
    }
  }

  /** The agent is stopping: the removals still waiting happen now (a delayed task would be lost with it). */
  void releasePending() {
    List<InstanceCgroup> all;
    synchronized (pending) {
      all = new ArrayList<>(pending);
    }
    all.forEach(this::releaseNow);
  }

  /** Removes the folders of {@code cgroup} unless a start uses them again or processes remain. */
  void removeIfUnused(InstanceCgroup cgroup) {
    String key = cgroup.memoryDir().toString();
    synchronized (lock(key)) {
      if (!users.containsKey(key) && cgroup.procs().isEmpty()) {
        cgroup.remove();
      }
    }
  }

  private Object lock(String key) {
    return locks.computeIfAbsent(key, k -> new Object());
  }

  /** v2: a child only gets a controller its parent enables in cgroup.subtree_control. */
  private static void enableControllers(Path root, Path rel) throws IOException {
    Path dir = root;
    for (Path part : rel) {
      for (String c : List.of("+memory", "+pids", "+cpu")) {
        try {
          Files.writeString(dir.resolve("cgroup.subtree_control"), c);
        } catch (IOException e) {
          if (!c.equals("+cpu")) { // a host without the cpu controller still limits memory
            throw e;
          }
        }
      }
      dir = dir.resolve(part);
      if (dir.equals(root.resolve(rel))) {
        break;
      }
      Files.createDirectories(dir);
    }
  }
}
