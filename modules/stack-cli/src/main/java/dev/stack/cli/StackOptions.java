package dev.stack.cli;

import dev.stack.model.load.StackLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Flags every command shares: which stack file, which profile, which overrides. Declared once on
 * the top command; all but {@code -f} are inherited by every subcommand ({@code -f} comes before the
 * command, as in Compose, since {@code logs -f} follows).
 */
public final class StackOptions {

  /** The profile a command uses when none is given and no running stack says otherwise. */
  public static final String DEFAULT_PROFILE = "dev";

  // Before the command, as in Compose: `stack -f FILE logs -f` (after it, -f is logs' --follow).
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", scope = ScopeType.LOCAL,
      description = "The stack file (default: $STACK_FILE, else stack.yaml in the current folder). Give it before the command.")
  String file;

  @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "The profile to resolve the stack for (default: " + DEFAULT_PROFILE + ").")
  String profile;

  @Option(names = "--set", paramLabel = "PATH=VALUE", scope = ScopeType.INHERIT,
      description = "Override one setting, e.g. --set services.api.replicas=2 (repeatable; wins over profiles).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "Plain output without colours (also when NO_COLOR is set).")
  boolean noColor;

  /** The stack file as the user named it: {@code -f}, else {@code $STACK_FILE}, else {@code stack.yaml}. */
  public String fileName(Session session) {
    if (file != null) {
      return file;
    }
    String fromEnv = session.env().get("STACK_FILE");
    return fromEnv == null || fromEnv.isBlank() ? StackLoader.DEFAULT_FILE : fromEnv;
  }

  /** Whether the user chose a profile with {@code --profile}. */
  public boolean profileGiven() {
    return profile != null;
  }

  /** The profile to use: {@code --profile}, else {@value #DEFAULT_PROFILE}. */
  public String profile() {
    return profileGiven() ? profile : DEFAULT_PROFILE;
  }

  /** Whether output may use colour: not with {@code --no-color}, nor when {@code NO_COLOR} is set. */
  public boolean color(Session session) {
    return !noColor && !session.env().containsKey("NO_COLOR");
  }

  /** Loads the stack for {@code profileName}; throws StackFileException naming every problem. */
  public StackLoader.Loaded load(Session session, String profileName) {
    return StackLoader.load(request(session, profileName));
  }

  /** What loading the stack for {@code profileName} reads. */
  StackLoader.Request request(Session session, String profileName) {
    String name = fileName(session);
    return new StackLoader.Request(Path.of(name), name, profileName, sets, session.env());
  }

  /** Loads the stack for the chosen profile. */
  public StackLoader.Loaded load(Session session) {
    return load(session, profile());
  }
}
