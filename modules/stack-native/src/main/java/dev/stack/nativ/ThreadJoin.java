package dev.stack.nativ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns a process inside an instance's cgroup on cgroup v1: the spawning thread joins the
 * instance's cgroups (v1 places each thread on its own), spawns, and goes back to the agent's
 * cgroups. The child is born inside, so nothing it forks, however early, escapes; and no
 * {@code /bin/sh} prologue has to run first (half of what starting a service cost the host here).
 *
 * <p>While the thread is inside, the instance's {@code cgroup.procs} lists the agent's pid:
 * {@link InstanceCgroup#procs} leaves it out. cgroup v2 puts whole processes in a cgroup (a thread
 * alone only in a threaded one), so there the prologue stays.
 */
final class ThreadJoin {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadJoin.class);

  /**
   * What the thread writes to a {@code tasks} file to move itself: "0", the calling thread, not its
   * tid. Same move, but a kernel with "cgroup: Optimize single thread migration" (M. Koutny)
   * then skips the global threadgroup lock, whose write side waits for an RCU grace period:
   * measured on this host's 6.18, 8-20 ms per move with the tid, 0.1 ms with "0". That wait was on
   * every restart's path. A kernel without the patch takes the lock either way.
   */
  private static final String SELF = "0";

  /** Where this process's own cgroups are, per v1 hierarchy: {@code /proc/self/cgroup}. */
  private static final Path OWN = Path.of("/proc/self/cgroup");

  /** v1 controller -> the {@code tasks} file of the agent's own cgroup in its hierarchy. */
  private final Map<String, Path> home;

  /** @param roots v1 controller name -> the mount point of its hierarchy */
  ThreadJoin(Map<String, Path> roots) {
    this.home = home(roots);
  }

  /**
   * Spawns {@code command} with the calling thread inside {@code cgroup}.
   *
   * @throws CannotJoin if the thread could not join (nothing was spawned; it is back where it was)
   * @throws IOException if the spawn failed
   */
  int spawn(InstanceCgroup cgroup, Spawner.Command command, Path out, Path err) throws IOException {
    List<Path> back = back(cgroup);
    List<Path> joined = new ArrayList<>();
    try {
      for (Path dir : cgroup.dirs().values()) {
        Files.writeString(dir.resolve("tasks"), SELF);
        joined.add(dir);
      }
    } catch (IOException e) {
      leave(back, joined.size());
      throw new CannotJoin(e);
    }
    try {
      return Spawner.spawn(command, out, err);
    } finally {
      leave(back, joined.size());
    }
  }

  /** The {@code tasks} files to go back to from {@code cgroup}'s folders, in their order. */
  private List<Path> back(InstanceCgroup cgroup) throws CannotJoin {
    List<Path> out = new ArrayList<>();
    for (String controller : cgroup.dirs().keySet()) {
      Path tasks = home.get(controller);
      if (tasks == null) {
        throw new CannotJoin(new IOException("no " + controller + " cgroup of the agent in " + OWN));
      }
      out.add(tasks);
    }
    return out;
  }

  /**
   * Read once: the agent's own cgroups do not change while it runs (nothing here moves it), and a
   * restart's spawn should not read them again. Empty if they cannot be read (then every spawn
   * goes through the prologue).
   */
  private static Map<String, Path> home(Map<String, Path> roots) {
    List<String> own;
    try {
      own = Files.readAllLines(OWN);
    } catch (IOException e) {
      LOG.warn("cannot read {}: services join their cgroup through a shell", OWN);
      return Map.of();
    }
    Map<String, Path> out = new HashMap<>();
    for (String line : own) {
      // hierarchy-id:controller,controller:/path
      String[] f = line.split(":", 3);
      if (f.length == 3) {
        for (String controller : f[1].split(",")) {
          Path root = roots.get(controller);
          if (root != null) {
            out.put(controller, root.resolve(f[2].substring(1)).resolve("tasks"));
          }
        }
      }
    }
    return Map.copyOf(out);
  }

  private static void leave(List<Path> back, int joined) {
    for (int i = 0; i < joined; i++) {
      try {
        Files.writeString(back.get(i), SELF);
      } catch (IOException e) {
        // the thread stays counted in the instance's cgroup until its next spawn moves it again
        LOG.error("thread {} cannot go back to {}: {}", SpawnCalls.gettid(), back.get(i), e.getMessage());
      }
    }
  }

  /** The thread could not join the cgroup: start through the prologue instead. */
  static final class CannotJoin extends IOException {
    private static final long serialVersionUID = 1L;

    CannotJoin(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
