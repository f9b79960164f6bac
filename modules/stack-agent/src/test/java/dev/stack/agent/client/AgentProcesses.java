package dev.stack.agent.client;

import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.protocol.WatchdogControl;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The agents and watchdogs one integration test starts, by pid, so that the test can end exactly
 * those (and nothing else) when it is done.
 */
final class AgentProcesses implements AutoCloseable {

  final StackHome home;
  final AgentLaunch launch;
  private final Set<Long> seen = new HashSet<>();

  AgentProcesses(StackHome home, String version) {
    this.home = home;
    this.launch = AgentLaunch.ofThisProcess().withClasspath(testClasspath()).withVersion(version);
  }

  /** The classpath of the tests (failsafe hides it behind a manifest-only jar otherwise). */
  static String testClasspath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Pings the running agent (starting none) and remembers its pid; null if none answers. */
  Map<String, Object> ping() {
    try (AgentClient c = AgentClient.connect(home, launch, false)) {
      Map<String, Object> r = c.call("ping", Map.of(), null);
      remember();
      return r;
    } catch (AgentException e) {
      return null;
    }
  }

  /** The pid of the agent that answers now, or -1. */
  long agentPid() {
    Map<String, Object> r = ping();
    return r == null ? -1 : (Long) r.get("pid");
  }

  /** Notes the pids of the current watchdog and agent. */
  void remember() {
    WatchdogControl.pid(home).ifPresent(pid -> {
      seen.add(pid);
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> seen.add(d.pid())));
    });
    try {
      seen.add(Long.parseLong(Files.readString(home.pidFile()).strip()));
    } catch (IOException | NumberFormatException e) {
      // no agent now
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Kills, by pid, every watchdog (first, so it restarts nothing) and agent this test saw. */
  @Override
  public void close() {
    remember();
    WatchdogControl.pid(home).ifPresent(pid -> kill(pid));
    for (long pid : seen) {
      kill(pid);
    }
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().orTimeout(5, TimeUnit.SECONDS).join();
    });
  }

  /** Runs a command to its end; returns its exit code. */
  static int run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null")).start();
    return p.waitFor();
  }
}
