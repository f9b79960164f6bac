package dev.stack.nativ;

import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every process of one instance: its main process, its process group, its cgroup's members, every
 * descendant of those, and every process seen as one of these before (a grandchild that called
 * setsid and was reparented to init once its parent died). A process is named by pid and start
 * time, so a reused pid is never signalled.
 */
final class InstanceProcesses {

  private final int pid;
  private final long startTicks;
  private final int pgid;
  private final Optional<InstanceCgroup> cgroup;
  /** pid -> start ticks of every process found so far. */
  private final Map<Integer, Long> seen = new LinkedHashMap<>();

  InstanceProcesses(int pid, long startTicks, int pgid, Optional<InstanceCgroup> cgroup) {
    this.pid = pid;
    this.startTicks = startTicks;
    this.pgid = pgid;
    this.cgroup = cgroup;
  }

  /** The live processes of the instance now (zombies excluded). */
  List<ProcStat> find() {
    return find(ProcTable.fresh(), true);
  }

  /**
   * The live processes in {@code table}. Only a fresh table may {@code record} what it finds: an
   * older one must not make a reparented grandchild, found since, be forgotten.
   */
  synchronized List<ProcStat> find(ProcTable table, boolean record) {
    Set<Integer> seeds = new LinkedHashSet<>();
    ProcStat main = table.get(pid);
    if (main != null && main.startTicks() == startTicks) {
      seeds.add(pid);
    }
    // the group is ours while its leader is ours or gone (a pgid is not reused while members live)
    ProcStat leader = table.get(pgid);
    if (pgid > 1 && (leader == null || (leader.pid() == pid && leader.startTicks() == startTicks))) {
      table.inGroup(pgid).forEach(p -> seeds.add(p.pid()));
    }
    cgroup.ifPresent(c -> seeds.addAll(c.procs()));
    seen.forEach((p, start) -> {
      ProcStat s = table.get(p);
      if (s != null && s.startTicks() == start) {
        seeds.add(p);
      }
    });
    List<ProcStat> found = new ArrayList<>();
    for (ProcStat p : table.withDescendants(seeds)) {
      Long known = record ? seen.putIfAbsent(p.pid(), p.startTicks()) : seen.get(p.pid());
      if (known == null || known == p.startTicks()) {
        found.add(p);
      }
    }
    if (record) {
      seen.keySet().retainAll(found.stream().map(ProcStat::pid).toList());
    }
    return found;
  }

  /** Sends {@code signal} to every process of the instance; returns how many got it. */
  int signal(int signal) {
    int sent = 0;
    for (ProcStat p : find()) {
      if (LibC.INSTANCE.kill(p.pid(), signal) == 0) {
        sent++;
      } else if (Native.getLastError() != LibC.ESRCH) {
        throw new IllegalStateException("kill " + p.pid() + ": errno " + Native.getLastError());
      }
    }
    return sent;
  }
}
