package dev.stack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code stack}. A subcommand is registered by adding its class to
 * {@code subcommands} below; it reaches the session and the shared flags through
 * {@link StackSubcommand}.
 */
@Command(name = "stack",
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Run one stack of services as supervised native processes or as containers, from one stack file.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Exit codes: 0 success, 1 the operation failed, 2 bad usage or a bad stack file."},
    subcommands = {
        UpCommand.class,
        DownCommand.class,
        LifecycleCommand.Stop.class,
        LifecycleCommand.Start.class,
        LifecycleCommand.Restart.class,
        PsCommand.class,
        MonitCommand.class,
        LogsCommand.class,
        DescribeCommand.class,
        ExecCommand.class,
        DiffCommand.class,
        RunCommand.class,
        ConfigCommand.class,
        ValidateCommand.class,
        DaemonCommand.class,
        StartupCommand.class,
        ResurrectCommand.class,
        CompletionCommand.class,
    })
public final class StackCommand implements Callable<Integer> {

  private final Session session;

  @Mixin
  StackOptions options;

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and exit.")
  boolean version;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean debug; // read from the raw arguments by ErrorReporter: a usage error can stop parsing first

  @Spec
  CommandSpec spec;

  StackCommand(Session session) {
    this.session = session;
  }

  /** The streams and environment of this run. */
  Session session() {
    return session;
  }

  /** The flags shared by every command. */
  StackOptions options() {
    return options;
  }

  /** {@code stack} without a command: the usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(session.err());
    return ExitCode.USAGE;
  }
}
