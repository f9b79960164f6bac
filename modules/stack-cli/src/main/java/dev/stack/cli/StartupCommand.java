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
    boolean root = "root".equals(user);
    StackHome home = new AgentCalls(session(), options()).home();
    String unit = unit(user, root, home.root(), javaCommand());
    if (!install) {
      session().out().print(unit);
      return ExitCode.OK;
    }
    Path file = root ? Path.of("/etc/systemd/system", unitName(user))
        : Path.of(System.getProperty("user.home"), ".config/systemd/user", unitName(user));
    Files.createDirectories(file.getParent());
    Files.writeString(file, unit);
    session().err().println("wrote " + file);
    session().err().println("  enable it with: " + (root ? "systemctl" : "systemctl --user") + " daemon-reload && "
        + (root ? "systemctl" : "systemctl --user") + " enable " + unitName(user));
    if (!root) {
      session().err().println("  and let your user manager start at boot without a login: loginctl enable-linger " + user);
    }
    return ExitCode.OK;
  }

  static String unitName(String user) {
    return "stack-" + user + ".service";
  }

  /**
   * The unit's text, for the system manager ({@code system}: root's, with {@code User=}) or the
   * user's own. {@code Type=oneshot} with {@code RemainAfterExit}: {@code stack resurrect} returns
   * once the stacks are back, and what it started (watchdog, agent, services) runs on in the unit,
   * with no main process for systemd to watch: an agent that restarts (a crash the watchdog
   * recovers from, an upgrade) is not mistaken for the unit's end, which would stop everything in
   * it. At a shutdown, {@code daemon stop --services} stops the native services in order, keeps
   * them for the next boot's {@code resurrect}, and the watchdog then exits, so the stop does not
   * wait out systemd's timeout.
   */
  static String unit(String user, boolean system, Path home, String stackCommand) {
    return String.join("\n",
        "# Written by 'stack startup': brings the stacks of " + user + " back after a reboot.",
        "[Unit]",
        "Description=stack: resurrect the stacks of " + user,
        "Wants=network-online.target",
        "After=network-online.target docker.service",
        "",
        "[Service]",
        "Type=oneshot",
        "RemainAfterExit=yes",
        system ? "User=" + user : "# a user unit (~/.config/systemd/user, systemctl --user): it runs as its user",
        "Environment=STACK_HOME=" + home,
        "ExecStart=" + stackCommand + " resurrect",
        "ExecStop=" + stackCommand + " daemon stop --services",
        "TimeoutStartSec=300",
        "",
        "[Install]",
        "WantedBy=" + (system ? "multi-user.target" : "default.target"),
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
