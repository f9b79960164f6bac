package dev.stack.agent.client;

import dev.stack.agent.protocol.JsonLines;
import dev.stack.agent.protocol.Request;
import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.protocol.UnixSockets;
import dev.stack.agent.protocol.WatchdogControl;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Starts the agent, or replaces one of another version, under the home's start lock, so that
 * concurrent CLIs end up with exactly one agent. The agent runs under the watchdog: a bash script
 * (written to {@code $STACK_HOME/bin/watchdog-<version>}) started in its own session with {@code setsid}, so
 * both outlive the CLI and its terminal.
 */
final class AgentStarter {

  /**
   * How often a start looks for the agent's socket: a failed connect costs microseconds, and the
   * agent binds 100-200 ms after its JVM starts; a cold {@code stack up} waits for the next look.
   */
  private static final long POLL_MS = 2;
  /** sun_path holds 108 bytes with the final NUL on Linux. */
  private static final int MAX_SOCKET_PATH = 107;
  private static final long START_TIMEOUT_MS = 5_000;
  private static final long UPGRADE_TIMEOUT_MS = 15_000;
  private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";
  private static final String WATCHDOG = "watchdog";

  /** File locks are per process: threads of one JVM take turns here first. */
  private static final Object IN_PROCESS = new Object();

  private final StackHome home;
  private final AgentLaunch launch;

  AgentStarter(StackHome home, AgentLaunch launch) {
    this.home = home;
    this.launch = launch;
  }

  /**
   * A connection to a running agent of the launch's version, started (or, with {@code upgrade},
   * replaced) as needed.
   */
  SocketChannel start(boolean upgrade) throws AgentException {
    synchronized (IN_PROCESS) {
      return startLocked(upgrade);
    }
  }

  private SocketChannel startLocked(boolean upgrade) throws AgentException {
    int length = home.socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length > MAX_SOCKET_PATH) {
      throw new AgentException("the agent's socket path " + home.socket() + " is " + length
          + " bytes long; unix sockets allow " + MAX_SOCKET_PATH,
          "set " + StackHome.ENV + " to a shorter folder", 1, "start-failed", null);
    }
    try {
      home.create();
      try (FileChannel lockFile = FileChannel.open(home.startLock(), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
        SocketChannel ch = AgentClient.tryConnect(home);
        // another CLI may have started or upgraded it while we waited for the lock
        if (ch != null && (!upgrade || launch.version().equals(versionOf(ch)))) {
          return ch;
        }
        writeAtomically(home.agentCommand(), String.join("\n", launch.command(home)) + "\n");
        if (ch != null) {
          // the old agent exits with "upgrade"; its watchdog starts agent.cmd, now ours, at once
          askShutdown(ch);
        }
        return awaitAgent(upgrade);
      }
    } catch (IOException e) {
      throw new AgentException("cannot start the agent in " + home.root() + ": " + e.getMessage(),
          null, 1, "start-failed", e);
    }
  }

  /**
   * The first agent that answers. After an upgrade it must be of this version (the old one answers
   * until it is gone), so it is asked; after a plain start it is taken as it is: it was started
   * from the command just written, and should another CLI have started one of another version
   * meanwhile, the first request is refused as of the wrong version and {@link AgentClient#call}
   * upgrades then. That spares a cold {@code stack up} a round trip (about 5-10 ms).
   */
  private SocketChannel awaitAgent(boolean upgrade) throws IOException, AgentException {
    long timeoutMs = upgrade ? UPGRADE_TIMEOUT_MS : START_TIMEOUT_MS;
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    long nextWatchdogCheck = 0;
    while (System.nanoTime() < deadline) {
      SocketChannel ch = AgentClient.tryConnect(home);
      if (ch != null) {
        if (!upgrade || launch.version().equals(versionOf(ch))) {
          return ch;
        }
        AgentClient.closeQuietly(ch); // still the old agent, going away
      } else if (System.nanoTime() >= nextWatchdogCheck) {
        // no agent: make sure a watchdog runs and knows we want one (it may be stopped, holding
        // FIFOs, or may have exited just now)
        if (WatchdogControl.pid(home).isPresent()) {
          WatchdogControl.send(home, "start");
        } else {
          spawnWatchdog(); // a second one started too early exits at once (flock in the script)
        }
        boolean first = nextWatchdogCheck == 0;
        nextWatchdogCheck = System.nanoTime() + 500_000_000L;
        if (first) {
          UnixSockets.prime(); // while the agent boots
        }
      }
      sleep(POLL_MS);
    }
    throw new AgentException("the agent did not start within " + timeoutMs / 1000 + " s",
        "see " + home.agentOut() + ", " + home.log() + " and " + home.watchdogLog(), 1,
        "start-failed", null);
  }

  /** The version a connected agent reports, or null if it does not answer. */
  private static String versionOf(SocketChannel ch) {
    try {
      JsonLines lines = new JsonLines(ch);
      lines.write(new Request("ping", null, null, Map.of()).toMessage());
      Map<String, Object> answer = lines.read();
      return answer != null && answer.get("result") instanceof Map<?, ?> r
          ? String.valueOf(r.get("version")) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void askShutdown(SocketChannel ch) {
    try (ch) {
      JsonLines lines = new JsonLines(ch);
      lines.write(new Request("shutdown", null, null, Map.of("upgrade", true)).toMessage());
      lines.read();
    } catch (IOException e) {
      // it is going away anyway
    }
  }

  private void spawnWatchdog() throws IOException {
    Path script = watchdogScript();
    List<String> cmd = new java.util.ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      // its own session (no terminal, no SIGHUP) and, with --fork, not our child: it outlives us
      // and we leave no child behind
      cmd.add("/usr/bin/setsid");
      cmd.add("--fork");
    }
    cmd.addAll(List.of("bash", script.toString(), home.root().toString()));
    if (System.getProperty(LAUNCH_MECHANISM) == null) {
      // vfork+exec straight away, not the default posix_spawn of the JDK's jspawnhelper, which
      // then execs the program: one exec less (5 to 15 ms here) on a cold start's critical path.
      // Read once, when the JDK first starts a process: the CLI starts none before this one.
      System.setProperty(LAUNCH_MECHANISM, "VFORK");
    }
    Process setsid = new ProcessBuilder(cmd)
        .directory(home.root().toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(Redirect.to(home.watchdogLog().toFile()))
        .redirectErrorStream(true)
        .start();
    try {
      setsid.waitFor(); // returns at once with --fork
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The watchdog script of this version in the home's {@code bin}, written there (and those of
   * other versions removed) when missing. Named by the version, so a start finds it without reading
   * the jar (opening it costs a cold {@code stack up} ~20 ms before the agent can start).
   */
  private Path watchdogScript() throws IOException {
    String name = WATCHDOG + "-" + launch.version().replaceAll("[^A-Za-z0-9._+-]", "_");
    Path script = home.binDir().resolve(name);
    if (Files.isRegularFile(script)) {
      return script;
    }
    byte[] content;
    try (InputStream in = AgentStarter.class.getResourceAsStream("watchdog.sh")) {
      if (in == null) {
        throw new IOException("the watchdog script is missing from the stack jar");
      }
      content = in.readAllBytes();
    }
    // a running bash reads its script as it goes: a new file, never one rewritten; the old ones
    // are removed (a watchdog still running one keeps it open)
    writeAtomically(script, content);
    try (var others = Files.newDirectoryStream(home.binDir(), WATCHDOG + "*")) {
      for (Path other : others) {
        if (!other.getFileName().toString().equals(name)) { // "watchdog*" leaves out ".watchdog-*.tmp" files
          Files.deleteIfExists(other);
        }
      }
    }
    return script;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code file} through a temporary file beside it, renamed over it. The temporary file is
   * named by this process's pid, not by {@code Files.createTempFile}: its random name takes the
   * JDK's SecureRandom, whose providers cost a cold {@code stack up} ~25 ms here before the agent
   * could start. Writers of one home take turns under the start lock anyway.
   */
  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void sleep(long ms) throws AgentException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted while starting the agent", null, 1);
    }
  }
}
