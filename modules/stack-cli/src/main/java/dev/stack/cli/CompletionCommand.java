package dev.stack.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stack completion [bash|zsh]}: a shell completion script for every command and option,
 * generated from the command definitions so it never drifts. Install with
 * {@code source <(stack completion bash)}.
 */
@Command(name = "completion",
    description = "Print a shell completion script; use as: source <(stack completion bash)")
final class CompletionCommand extends StackSubcommand {

  /** The shells a script can be printed for. */
  enum Shell { bash, zsh }

  /** zsh runs bash completion scripts once bashcompinit is loaded. */
  private static final String ZSH_PREAMBLE = """
      #!/usr/bin/env zsh
      autoload -U +X compinit && compinit
      autoload -U +X bashcompinit && bashcompinit
      """;

  @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
      description = "bash (default) or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("stack", spec.root().commandLine());
    session().out().print(shell == Shell.zsh ? ZSH_PREAMBLE + script : script);
    if (!script.endsWith("\n")) {
      session().out().println();
    }
    return ExitCode.OK;
  }
}
