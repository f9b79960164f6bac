package dev.stack.cli;

import dev.stack.model.Canonical;
import dev.stack.model.Json;
import dev.stack.model.load.StackLoader;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stack config}: the stack fully resolved for a profile (overlays merged, variables
 * interpolated, defaults filled in, secrets masked). The profile line goes to stderr so that stdout
 * stays machine-readable.
 */
@Command(name = "config", sortOptions = false,
    description = "Print the stack fully resolved for a profile, secrets masked.")
final class ConfigCommand extends StackSubcommand {

  @Option(names = "--json", description = "JSON instead of YAML.")
  boolean json;

  @Override
  public Integer call() {
    StackLoader.Loaded loaded = options().load(session());
    session().err().println(ProfileLine.of(loaded, options()));
    Map<String, Object> canonical = Canonical.of(loaded.stack(), Canonical.Mode.MASKED);
    session().out().print(json ? Json.pretty(canonical) + "\n" : YamlText.of(canonical));
    return ExitCode.OK;
  }
}
