package dev.stack.nativ;

import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the command that starts an instance for {@link Spawner}: the service's argv itself,
 * found on its own PATH, or, where something must happen between the fork and the service's exec
 * (joining a cgroup with limits, switching user), {@code /bin/sh -c PROLOGUE} exec-ing the argv
 * (through {@code setpriv} to drop to {@code user:}). Either way the pid spawned is the service's.
 */
final class Launcher {

  private final String setpriv;

  private Launcher(String setpriv) {
    this.setpriv = setpriv;
  }

  /** Finds the util-linux tools on the agent's PATH. */
  static Launcher onThisHost() {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    return new Launcher(which("setpriv", path).orElse(null));
  }

  /**
   * The command for {@code spec}.
   *
   * @param joinFirst a cgroup the process must be in before the service runs (limits apply from its first fork)
   */
  Spawner.Command build(InstanceSpec spec, Optional<InstanceCgroup> joinFirst) throws BackendException {
    if (spec.argv().isEmpty()) {
      throw new BackendException("services." + spec.id().service() + ": no command to run",
          "set command: for the native backend", false);
    }
    Path given = Path.of(spec.workdir() == null ? System.getProperty("user.dir") : spec.workdir());
    if (!Files.isDirectory(given)) {
      throw new BackendException("services." + spec.id().service() + ".workdir: no such folder: " + given,
          null, false);
    }
    Path workdir = given.toAbsolutePath();
    // from scratch: a variable removed from the stack file must not linger (PM2 #3486)
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(spec.env());
    String program = spec.argv().get(0);
    Optional<Path> found = findCommand(program, workdir, env.getOrDefault("PATH", ""));
    if (found.isEmpty()) {
      throw notRunnable(spec.id().service(), program, workdir);
    }
    String userSwitch = userSwitch(spec);
    if (joinFirst.isEmpty() && userSwitch.isEmpty()) {
      return new Spawner.Command(found.get().toAbsolutePath().toString(), spec.argv(), env, workdir);
    }
    StringBuilder script = new StringBuilder();
    joinFirst.ifPresent(c -> script.append(c.joinScript()));
    script.append("exec ").append(userSwitch).append("\"$@\"\n");
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "stack-" + spec.id().qualified()));
    argv.addAll(spec.argv());
    return new Spawner.Command("/bin/sh", argv, env, workdir);
  }

  private String userSwitch(InstanceSpec spec) throws BackendException {
    String user = spec.service().user();
    if (user == null || user.isBlank()) {
      return "";
    }
    String where = "services." + spec.id().service() + ".user";
    UserEntry u = UserEntry.resolve(user).orElseThrow(() -> new BackendException(
        where + ": no user \"" + user + "\" on this host", null, false));
    int euid = LibC.INSTANCE.geteuid();
    if (euid == u.uid()) {
      return "";
    }
    if (euid != 0) {
      throw new BackendException(where + ": running as user \"" + user + "\" needs root; the agent runs as uid " + euid,
          "remove user: for the native backend, or run it on docker", false);
    }
    if (setpriv == null) {
      throw new BackendException(where + ": switching user needs setpriv (util-linux) on PATH", "install util-linux", false);
    }
    return quote(setpriv) + " --reuid=" + u.uid() + " --regid=" + u.gid()
        + (u.name() != null ? " --init-groups" : " --clear-groups") + " -- ";
  }

  /** Where {@code program} is found: a path relative to the workdir, or a name on {@code PATH}. */
  /**
   * Why {@code program} cannot be run, said so the user can act on it: a bare name no folder of the
   * service's PATH holds; a path that names nothing (relative ones from the workdir), a folder, or
   * a file without execute permission.
   */
  static BackendException notRunnable(String service, String program, Path workdir) {
    String where = "services." + service + ".command: ";
    if (!program.contains("/")) {
      return new BackendException(where + "command not found: " + program, "it is looked up on the PATH 'stack up' ran with: fix the name, or give its path", false);
    }
    Path p = workdir.resolve(program);
    if (Files.isDirectory(p)) {
      return new BackendException(where + "a folder, not a program: " + program, null, false);
    }
    if (Files.exists(p)) {
      return new BackendException(where + "not executable: " + program, "make it executable (chmod +x " + p
          + "), or name its interpreter first, e.g. [sh, " + program + "]", false);
    }
    return new BackendException(where + "command not found: " + program,
        Path.of(program).isAbsolute() ? "no such file" : "no such file: " + p + " (the path is relative to the workdir)", false);
  }

  static Optional<Path> findCommand(String program, Path workdir, String path) {
    if (program.contains("/")) {
      Path p = workdir.resolve(program);
      return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    return which(program, path).map(Path::of);
  }

  private static Optional<String> which(String name, String path) {
    for (String dir : path.split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }

  /** Quotes for /bin/sh: {@code 'it'\''s'}. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A user from {@code /etc/passwd}, or numeric ids ({@code 1000}, {@code 1000:1000}). */
  record UserEntry(String name, int uid, int gid) {

    static Optional<UserEntry> resolve(String spec) {
      String[] ug = spec.split(":", 2);
      Integer gid = null;
      if (ug.length == 2) {
        try {
          gid = Integer.parseInt(ug[1]);
        } catch (NumberFormatException e) {
          gid = group(ug[1]).orElse(null);
          if (gid == null) {
            return Optional.empty();
          }
        }
      }
      try {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
          String[] f = line.split(":");
          if (f.length > 3 && (f[0].equals(ug[0]) || f[2].equals(ug[0]))) {
            return Optional.of(new UserEntry(f[0], Integer.parseInt(f[2]), gid != null ? gid : Integer.parseInt(f[3])));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // fall through to numeric ids
      }
      try {
        int uid = Integer.parseInt(ug[0]);
        return Optional.of(new UserEntry(null, uid, gid != null ? gid : uid));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    private static Optional<Integer> group(String name) {
      try {
        for (String line : Files.readAllLines(Path.of("/etc/group"))) {
          String[] f = line.split(":");
          if (f.length > 2 && f[0].equals(name)) {
            return Optional.of(Integer.parseInt(f[2]));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such group
      }
      return Optional.empty();
    }
  }
}
