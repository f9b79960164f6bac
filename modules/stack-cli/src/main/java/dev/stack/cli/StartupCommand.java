package dev.stack.cli;

import dev.stack.agent.protocol.StackHome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stack startup}: a systemd unit that brings this user's stacks back at boot, as
 * {@code pm2 startup} does. Printed, or written with {@code --install}.
 */
@Command(name = "startup", description = {"Print a systemd unit that runs 'stack resurrect' at boot, so the stacks that ran "
    + "before a reboot come back as they were (same profile; services stopped on purpose stay stopped).",
    "--install writes it (as root to /etc/systemd/system, else to ~/.config/systemd/user) and says how to enable it."})
final class StartupCommand extends StackSubcommand {

  @Option(names = "--install", description = "Write the unit file instead of printing it.")
  boolean install;

  @Override
  public Integer call() throws Exception {
    String user = System.getProperty("user.name");
    StackHome home = new AgentCalls(session(), options()).home();
    String unit = unit(user, home.root(), javaCommand(), home.pidFile());
    if (!install) {
      session().out().print(unit);
      return ExitCode.OK;
    }
    boolean root = "root".equals(user);
    Path file = root ? Path.of("/etc/systemd/system", unitName(user))
        : Path.of(System.getProperty("user.home"), ".config/systemd/user", unitName(user));
    Files.createDirectories(file.getParent());
    Files.writeString(file, unit);
    session().err().println("wrote " + file);
    session().err().println("  enable it with: " + (root ? "systemctl" : "systemctl --user") + " daemon-reload && "
        + (root ? "systemctl" : "systemctl --user") + " enable " + unitName(user));
    return ExitCode.OK;
  }

  static String unitName(String user) {
    return "stack-" + user + ".service";
  }

  /** The unit's text. Type=forking: {@code stack resurrect} returns once the agent runs detached. */
  static String unit(String user, Path home, String stackCommand, Path pidFile) {
    return String.join("\n",
        "# Written by 'stack startup': brings the stacks of " + user + " back after a reboot.",
        "[Unit]",
        "Description=stack: resurrect the stacks of " + user,
        "Wants=network-online.target",
        "After=network-online.target docker.service",
        "",
        "[Service]",
        "Type=forking",
        "User=" + user,
        "Environment=STACK_HOME=" + home,
        "PIDFile=" + pidFile,
        "ExecStart=" + stackCommand + " resurrect",
        "ExecStop=" + stackCommand + " daemon stop",
        "TimeoutStartSec=300",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "");
  }

  /** {@code /usr/lib/jvm/.../bin/java -jar /path/stack.jar}: works wherever the launcher is. */
  static String javaCommand() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Path jar = Path.of(StartupCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return java + " -jar " + jar.toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IOException("cannot find the stack jar: " + e.getMessage(), e);
    }
  }
}
