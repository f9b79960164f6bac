package dev.stack.cli;

import dev.stack.core.render.Ansi;
import dev.stack.core.diff.DiffJson;
import dev.stack.core.diff.DiffText;
import dev.stack.core.diff.Palette;
import dev.stack.core.diff.PlanDiff;
import dev.stack.core.diff.ProfileDiff;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendLoader;
import dev.stack.core.spi.Capabilities;
import dev.stack.model.StackFileException;
import dev.stack.model.load.StackLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack diff}: what changes between two profiles, field by field, or what {@code up} would
 * change in what runs now. Exit codes like diff(1): 0 no difference, 1 differences, 2 any error.
 */
@Command(name = "diff", description = {
    "stack diff FROM TO   what changes between two profiles (e.g. dev prod), field by field, and what it means.",
    "stack diff           what 'up' would change in what runs now (--profile: against that profile).",
    "Exit 0: no difference; 1: differences; 2: an error (a bad file, an engine that does not answer)."})
final class DiffCommand extends StackSubcommand {

  @Parameters(paramLabel = "PROFILE", arity = "0..2", description = "Two profiles to compare.")
  List<String> profiles = new ArrayList<>();

  @Option(names = "--json", description = "The same content as JSON (schema in docs/diff.md).")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Also show unchanged fields and services.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    try {
      return profiles.isEmpty() ? againstRunning() : betweenProfiles();
    } catch (StackFileException | AgentCalls.AgentFailure e) {
      if (e instanceof AgentCalls.AgentFailure f && f.exitCode() != ExitCode.USAGE) {
        throw new AgentCalls.AgentFailure(f.getMessage(), f.hint(), ExitCode.USAGE, f);
      }
      throw e;
    } catch (RuntimeException e) {
      throw new AgentCalls.AgentFailure(e.getMessage(), null, ExitCode.USAGE, e);
    }
  }

  private Palette palette() {
    Ansi ansi = Terminal.ansi(session(), options());
    return ansi.enabled() ? Palette.ANSI : Palette.PLAIN;
  }

  private int betweenProfiles() throws AgentCalls.AgentFailure {
    if (profiles.size() != 2) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "diff takes two profiles (stack diff dev prod), or none to compare with what runs");
    }
    StackLoader.Loaded from = load(profiles.get(0));
    StackLoader.Loaded to = load(profiles.get(1));
    ProfileDiff d = ProfileDiff.compare(from.stack(), to.stack(), capabilities());
    session().out().print(json ? DiffJson.render(d) + "\n" : new DiffText(verbose, palette()).render(d));
    return d.hasDifferences() ? 1 : 0;
  }

  /** The stack under {@code profile}; its problems end with which of the two profiles has them. */
  private StackLoader.Loaded load(String profile) {
    try {
      return options().load(session(), profile);
    } catch (StackFileException e) {
      throw e.underProfiles(options().fileName(session()), profile, "diff compares two valid profiles: fix it for "
          + profile + " (a profile can set what it needs, e.g. an image, in profiles/" + profile + ".yaml)");
    }
  }

  private int againstRunning() throws AgentCalls.AgentFailure {
    AgentCalls agent = new AgentCalls(session(), options());
    Map<String, Object> args = agent.stackArgs(List.of());
    args.put("dry_run", true);
    Map<String, Object> result = agent.call("up", args, true, e -> { });
    PlanDiff d = PlanText.of(result);
    session().out().print(json ? DiffJson.render(d) + "\n" : new DiffText(verbose, palette()).render(d));
    return d.hasDifferences() ? 1 : 0;
  }

  /** What every backend of this build declares, for the notes. Constructing a backend is cheap. */
  static Map<String, Capabilities> capabilities() {
    Map<String, Capabilities> out = new LinkedHashMap<>();
    for (Backend b : BackendLoader.load()) {
      out.put(b.name(), b.capabilities());
      b.close();
    }
    return out;
  }
}
