package dev.stack.agent.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-user folder of stack: {@code $STACK_HOME}, else {@code ~/.stack}. It holds the agent's
 * socket, pid and log, the state, the services' logs and per-instance runtime files. Only its owner
 * may enter it (mode 0700).
 *
 * @param root the folder, absolute
 */
public record StackHome(Path root) {

  /** The environment variable naming the folder. */
  public static final String ENV = "STACK_HOME";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  public StackHome {
    root = root.toAbsolutePath().normalize();
  }

  /** {@code $STACK_HOME} from the process environment, else {@code ~/.stack}; no file is touched. */
  public static StackHome resolve() {
    return resolve(System.getenv(), System.getProperty("user.home"));
  }

  /** {@code env.STACK_HOME} if set and not blank, else {@code userHome/.stack}; no file is touched. */
  public static StackHome resolve(Map<String, String> env, String userHome) {
    String value = env.get(ENV);
    if (value != null && !value.isBlank()) {
      return new StackHome(Path.of(value));
    }
    return new StackHome(Path.of(userHome, ".stack"));
  }

  /**
   * Creates the folder and its sub-folders if missing, with mode 0700, and narrows the folder to
   * 0700 if it was more open.
   *
   * @throws IOException if it cannot be created or belongs to another user
   */
  public StackHome create() throws IOException {
    if (!Files.isDirectory(root)) {
      Files.createDirectories(root.getParent());
      try {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another CLI made it at the same moment: fine
      }
    }
    String owner = Files.getOwner(root).getName();
    String me = System.getProperty("user.name");
    if (!owner.equals(me)) {
      throw new IOException(root + " belongs to user " + owner + ", not " + me
          + "; set " + ENV + " to a folder you own");
    }
    if (!Files.getPosixFilePermissions(root).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(root, OWNER_ONLY);
    }
    for (Path dir : new Path[] {stateDir(), logsDir(), runDir(), binDir()}) {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
    }
    return this;
  }

  /** The agent's control socket. */
  public Path socket() {
    return root.resolve("agent.sock");
  }

  /** The running agent's pid; the agent holds a lock on it for its whole life. */
  public Path pidFile() {
    return root.resolve("agent.pid");
  }

  /** The agent's own log, rotated by size. */
  public Path log() {
    return root.resolve("agent.log");
  }

  /** The agent JVM's stdout and stderr (JVM crash reports); the previous agent's is {@code agent.out.1}. */
  public Path agentOut() {
    return root.resolve("agent.out");
  }

  /** Taken by a client while it starts or upgrades the agent, so that only one does. */
  public Path startLock() {
    return root.resolve("agent.lock");
  }

  /** The agent's command line, one argument per line; the watchdog reads it at each start. */
  public Path agentCommand() {
    return root.resolve("agent.cmd");
  }

  /** The watchdog's pid. */
  public Path watchdogPid() {
    return root.resolve("watchdog.pid");
  }

  /** The watchdog's control FIFO: {@code hold PATH}, {@code release PATH}, {@code start}. */
  public Path watchdogControl() {
    return root.resolve("watchdog.ctl");
  }

  /** The watchdog's own log (restarts), rewritten when a new watchdog starts. */
  public Path watchdogLog() {
    return root.resolve("watchdog.log");
  }

  /** Persistent state: stacks, services, restart and health history. */
  public Path stateDir() {
    return root.resolve("state");
  }

  /** The services' logs. */
  public Path logsDir() {
    return root.resolve("logs");
  }

  /** Per-instance runtime files (FIFOs, pid files). */
  public Path runDir() {
    return root.resolve("run");
  }

  /** Helper programs written by stack, such as the watchdog script. */
  public Path binDir() {
    return root.resolve("bin");
  }
}
