package dev.stack.cli;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.load.StackLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stack validate}: loads the stack and reports every problem, or one line saying it is fine:
 * {@code stack.yaml: ok (3 services, profiles: dev, prod)}.
 */
@Command(name = "validate", sortOptions = false,
    description = "Check the stack file (and its profiles); exit 0 when it is valid, 2 when not.")
final class ValidateCommand extends StackSubcommand {

  @Option(names = "--all-profiles", description = "Validate under every known profile, not only one.")
  boolean allProfiles;

  @Override
  public Integer call() {
    StackLoader.Loaded loaded = options().load(session());
    String file = options().fileName(session());
    if (allProfiles) {
      checkOtherProfiles(loaded);
      session().out().println(file + ": ok (" + services(loaded) + ", every profile: " + String.join(", ", loaded.profiles()) + ")");
      return ExitCode.OK;
    }
    List<String> others = loaded.profiles().stream().filter(p -> !p.equals(loaded.profile().name())).toList();
    session().out().println(file + ": ok (" + services(loaded) + ", profile " + loaded.profile().name()
        + (others.isEmpty() ? ")" : "; not checked: " + String.join(", ", others) + ", see --all-profiles)"));
    return ExitCode.OK;
  }

  /**
   * Loads the stack under every profile besides the one already loaded; throws one
   * StackFileException with the problems of all of them, each problem once.
   */
  private void checkOtherProfiles(StackLoader.Loaded first) {
    Set<String> seen = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    StackLoader.otherProfiles(options().request(session(), first.profile().name())).forEach((profile, found) -> {
      if (!found.isEmpty()) {
        failed.add(profile);
        found.stream().filter(p -> seen.add(p.format())).forEach(problems::add);
      }
    });
    if (!failed.isEmpty()) {
      throw new StackFileException(problems).underProfiles(options().fileName(session()), String.join(", ", failed),
          "it is valid under " + first.profile().name());
    }
  }

  private static String services(StackLoader.Loaded loaded) {
    int n = loaded.stack().services().size();
    return n + (n == 1 ? " service" : " services");
  }
}
