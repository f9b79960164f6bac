package dev.stack.cli;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.BackendLoader;
import dev.stack.core.spi.ExecRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Attributes;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack exec SERVICE COMMAND...}: a command in a running service, as {@code docker compose
 * exec}: inside its container on docker; on native, run here with the environment and folder the
 * instance has. Its exit code is this command's.
 */
@Command(name = "exec", description = {"Run a command in a running service: inside its container on docker "
    + "(as docker compose exec), on native with the environment (secrets included) and folder the service runs "
    + "with. Exits with the command's exit code."})
final class ExecCommand extends StackSubcommand {

  @Option(names = {"-T", "--no-tty"}, description = "No terminal, even on one (for pipes: stack exec -T db psql < dump.sql).")
  boolean noTty;

  @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "The replica (default: 1).")
  int index;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable for the command (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The folder to run in (native: relative to the service's).")
  String workdir;

  @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "The user inside the container (docker only).")
  String user;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
  String service;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!command.isEmpty() && command.get(0).equals("--")) {
      command = command.subList(1, command.size()); // stack exec web -- cmd: the separator is not the command
    }
    if (command.isEmpty()) {
      throw usage("no command to run in " + service, "e.g. stack exec " + service + " sh");
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw usage("-e " + e + ": expected KEY=VALUE", "e.g. -e LOG_LEVEL=debug");
      }
      extra.put(e.substring(0, eq), e.substring(eq + 1));
    }
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> args = agent.stackArgs(List.of());
    args.remove("env");
    args.put("service", service);
    args.put("index", index);
    Map<String, Object> target = agent.call("exec", args, true, null);
    boolean tty = !noTty && Terminal.interactive();
    if ("native".equals(target.get("backend"))) {
      if (user != null) {
        throw usage("--user is for containers: on native the command runs as you", "leave --user out");
      }
      return runHere(target, extra);
    }
    return inContainer(target, extra, tty);
  }

  /** Native: the command as a child of this process, on this terminal, with the instance's environment and folder. */
  @SuppressWarnings("unchecked")
  private int runHere(Map<String, Object> target, Map<String, String> extra)
      throws IOException, InterruptedException, AgentCalls.AgentFailure {
    Path folder = Path.of(String.valueOf(target.get("workdir")));
    if (workdir != null) {
      folder = folder.resolve(workdir).normalize();
    }
    if (!Files.isDirectory(folder)) {
      throw usage("no folder " + folder, "give --workdir a folder that exists");
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).inheritIO();
    Map<String, String> environment = pb.environment();
    environment.clear();
    ((Map<String, Object>) target.get("env")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
    environment.putAll(extra);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw usage("cannot run " + command.get(0) + " in " + target.get("instance") + ": "
          + e.getMessage().replaceFirst("^Cannot run program \"[^\"]*\"[^:]*: ", ""),
          command.get(0).contains(File.separator) ? "check the path" : "it is looked up on the service's PATH: give its path");
    }
    // Ctrl-C is the command's (it is in this terminal's foreground group too): this process waits for its end
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> { });
    return p.waitFor();
  }

  /** Docker: the engine's exec, attached to this terminal (raw) or to these streams. */
  private int inContainer(Map<String, Object> target, Map<String, String> extra, boolean tty) throws Exception {
    String backendName = String.valueOf(target.get("backend"));
    Backend backend = null;
    for (Backend b : BackendLoader.load()) {
      if (b.name().equals(backendName)) {
        backend = b;
      } else {
        b.close();
      }
    }
    if (backend == null) {
      throw usage("the " + backendName + " backend is not in this installation", "reinstall stack with its backends");
    }
    try (Backend b = backend) {
      if (!tty) {
        return b.exec(request(target, extra, false, 0, 0), System.in, System.out, System.err);
      }
      try (org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true).dumb(false).jna(false).jansi(false).ffm(false)
          .nativeSignals(false).build()) {
        Attributes saved = terminal.enterRawMode();
        try {
          return b.exec(request(target, extra, true, terminal.getWidth(), terminal.getHeight()), System.in, System.out,
              System.err);
        } finally {
          terminal.setAttributes(saved);
        }
      }
    } catch (BackendException e) {
      throw new AgentCalls.AgentFailure(e.getMessage(), e.hint(), ExitCode.FAILED, e);
    }
  }

  private static AgentCalls.AgentFailure usage(String message, String hint) {
    return new AgentCalls.AgentFailure(message, hint, ExitCode.USAGE, null);
  }

  private ExecRequest request(Map<String, Object> target, Map<String, String> extra, boolean tty, int columns, int rows) {
    return new ExecRequest(String.valueOf(target.get("container")), command, extra, workdir, user, tty, columns, rows);
  }
}
