package dev.stack.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code stack.jar} run as a user runs it: a separate JVM per command, with its own
 * {@code STACK_HOME}, optionally as another user through {@code runuser}. Output goes to files so a
 * flood of log lines cannot block the child.
 */
final class StackCli {

  /** The shaded jar failsafe tests: it exists after {@code package}. */
  static final Path JAR = Path.of("target/stack.jar").toAbsolutePath();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final Path jar;
  private final Path home;
  private final Path stackFile;
  private final Optional<String> user;

  StackCli(Path home, Path stackFile) {
    this(JAR, home, stackFile, Optional.empty());
  }

  StackCli(Path jar, Path home, Path stackFile, Optional<String> user) {
    this.jar = jar;
    this.home = home;
    this.stackFile = stackFile;
    this.user = user;
  }

  /** What one command did. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + cut(out) + "\n--- stderr\n" + cut(err);
    }

    private static String cut(String s) {
      return s.length() <= 4000 ? s : s.substring(0, 2000) + "\n[...]\n" + s.substring(s.length() - 2000);
    }
  }

  Path home() {
    return home;
  }

  /** Where a process from {@link #start} writes its standard output. */
  Path outputOf(Process p) {
    return outputs.get(p)[0];
  }

  private final java.util.Map<String, String> extraEnv = new java.util.concurrent.ConcurrentHashMap<>();

  /** Sets a variable for every later call (and the agent such a call starts). */
  void env(String name, String value) {
    extraEnv.put(name, value);
  }

  Path stackFile() {
    return stackFile;
  }

  /** Runs {@code stack -f FILE ARGS...} and waits for it (at most two minutes). */
  Result run(String... args) {
    Process p = start(args);
    try {
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("stack " + String.join(" ", args) + " did not end in " + TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return resultOf(p);
  }

  /** Starts {@code stack -f FILE ARGS...} without waiting: end it with {@link #resultOf}. */
  Process start(String... args) {
    List<String> command = new ArrayList<>();
    if (user.isPresent()) {
      // runuser resets nothing with -u but keeps the environment only as given here
      command.addAll(List.of("runuser", "-u", user.get(), "--", "env", "STACK_HOME=" + home, "HOME=" + home));
    }
    command.addAll(List.of("java", "-jar", jar.toString(), "-f", stackFile.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("stack-out", ".txt");
      Path err = Files.createTempFile("stack-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(stackFile.getParent().toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("STACK_HOME", home.toString());
      builder.environment().putAll(extraEnv);
      Process p = builder.start();
      outputs.put(p, new Path[] {out, err});
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Map<Process, Path[]> outputs = new java.util.concurrent.ConcurrentHashMap<>();

  /** Waits for a process from {@link #start} and reads what it printed. */
  Result resultOf(Process p) {
    try {
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("stack did not end in " + TIMEOUT);
      }
      Path[] files = outputs.remove(p);
      Result r = new Result(p.exitValue(), Files.readString(files[0], StandardCharsets.UTF_8),
          Files.readString(files[1], StandardCharsets.UTF_8));
      Files.deleteIfExists(files[0]);
      Files.deleteIfExists(files[1]);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a command that must succeed. */
  Result ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError("stack " + String.join(" ", args) + " failed: " + r);
    }
    return r;
  }

  /** {@code ps -a --json}: the instances array. */
  JsonNode instances() {
    return json(ok("ps", "-a", "--json").out()).get("instances");
  }

  /** The ps row of one instance (e.g. {@code web} or {@code web-2}), or null. */
  JsonNode instance(String name) {
    for (JsonNode row : instances()) {
      if (row.get("instance").asText().equals(name)) {
        return row;
      }
    }
    return null;
  }

  /** {@code daemon status --json}. */
  JsonNode daemon() {
    return json(run("daemon", "status", "--json").out());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /**
   * Leaves nothing behind: {@code down} and {@code daemon stop}, then kills by pid whatever of
   * it still lives (service trees, the agent, and last the watchdog, which would restart it).
   */
  void cleanUp() {
    List<Long> services = new ArrayList<>();
    long agent = 0;
    long watchdog = 0;
    try {
      for (JsonNode row : json(run("ps", "-a", "--json").out()).path("instances")) {
        long pid = row.path("pid").asLong(0);
        if (pid > 0) {
          services.add(pid);
          services.addAll(Procs.descendants(pid));
        }
      }
    } catch (AssertionError | RuntimeException e) {
      // no agent or no stack: nothing to collect
    }
    try {
      JsonNode d = daemon();
      agent = d.path("pid").asLong(0);
      watchdog = d.path("watchdog_pid").asLong(0);
    } catch (AssertionError | RuntimeException e) {
      // agent not running
    }
    run("down");
    run("daemon", "stop");
    for (long pid : services) {
      Procs.kill(pid);
    }
    Procs.kill(watchdog);
    Procs.kill(agent);
  }
}
