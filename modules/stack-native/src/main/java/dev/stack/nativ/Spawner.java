package dev.stack.nativ;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process with posix_spawn(3) (one vfork and one exec, no helper process, no reaper
 * thread): in a new session and process group, with {@code /dev/null} as stdin and the output
 * FIFOs opened read-write as stdout and stderr (so it never gets SIGPIPE, whoever reads), no other
 * descriptor of this JVM, default signal dispositions and mask, the given workdir and exactly the
 * given environment. posix_spawn returns once the child has exec'd, or the exec's error.
 */
final class Spawner {

  /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 (x86-64, arm64). */
  private static final int STRUCT_SIZE = 512;
  private static final int SIGSET_SIZE = 128;
  private static final int ENOEXEC = 8;

  private Spawner() {}

  /**
   * Binds the spawn's calls ({@link SpawnCalls}'s initializer registers them all) and loads JNA's
   * C strings and their memory, which the first spawn would otherwise do on a cold start's path:
   * 2 to 23 ms of it in marks on one clock (the most when a start waited for the classes).
   */
  static void prepare() {
    SpawnCalls.gettid();
    new StringArray(new String[] {"stack"});
  }

  /** What to start: {@code program} is an absolute path, {@code argv[0]} what the process is called. */
  record Command(String program, List<String> argv, Map<String, String> env, Path workdir) {}

  /**
   * Starts {@code command}.
   *
   * @return the pid of the new process
   * @throws IOException naming the error posix_spawn reported (the exec's, or a file action's)
   */
  static int spawn(Command command, Path out, Path err) throws IOException {
    // one block: file actions, attributes, an empty and a full signal set
    Memory block = new Memory(2L * STRUCT_SIZE + 2L * SIGSET_SIZE);
    Pointer actions = block.share(0, STRUCT_SIZE);
    Pointer attr = block.share(STRUCT_SIZE, STRUCT_SIZE);
    Pointer none = block.share(2L * STRUCT_SIZE, SIGSET_SIZE);
    Pointer all = block.share(2L * STRUCT_SIZE + SIGSET_SIZE, SIGSET_SIZE);
    check(SpawnCalls.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
    try {
      check(SpawnCalls.posix_spawnattr_init(attr), "posix_spawnattr_init");
      try {
        check(SpawnCalls.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), "addopen");
        check(SpawnCalls.posix_spawn_file_actions_addopen(actions, 1, out.toString(), LibC.O_RDWR, 0), "addopen");
        check(SpawnCalls.posix_spawn_file_actions_addopen(actions, 2, err.toString(), LibC.O_RDWR, 0), "addopen");
        check(SpawnCalls.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
        check(SpawnCalls.posix_spawn_file_actions_addchdir_np(actions, command.workdir().toString()), "addchdir_np");
        SpawnCalls.sigemptyset(none);
        SpawnCalls.sigfillset(all);
        check(SpawnCalls.posix_spawnattr_setsigmask(attr, none), "setsigmask");
        check(SpawnCalls.posix_spawnattr_setsigdefault(attr, all), "setsigdefault");
        check(SpawnCalls.posix_spawnattr_setflags(attr,
            (short) (LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)), "setflags");
        StringArray envp = new StringArray(
            command.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        int[] pid = new int[1];
        int rc = SpawnCalls.posix_spawn(pid, command.program(), actions, attr,
            new StringArray(command.argv().toArray(new String[0])), envp);
        if (rc == ENOEXEC) {
          // as execvp(3) and sh do: an executable without #! is a shell script
          List<String> sh = new ArrayList<>(List.of("/bin/sh", command.program()));
          sh.addAll(command.argv().subList(1, command.argv().size()));
          rc = SpawnCalls.posix_spawn(pid, "/bin/sh", actions, attr, new StringArray(sh.toArray(new String[0])), envp);
        }
        if (rc != 0) {
          throw new IOException(command.program() + ": " + LibC.INSTANCE.strerror(rc));
        }
        return pid[0];
      } finally {
        SpawnCalls.posix_spawnattr_destroy(attr);
      }
    } finally {
      SpawnCalls.posix_spawn_file_actions_destroy(actions);
    }
  }

  private static void check(int rc, String what) throws IOException {
    if (rc != 0) {
      throw new IOException(what + ": " + LibC.INSTANCE.strerror(rc));
    }
  }
}
