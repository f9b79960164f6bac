package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.Stack;
import dev.stack.model.StackFileException;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.YamlReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way to turn a stack file into a {@link Stack}: read with positions, apply the profile,
 * apply {@code --set}, interpolate, bind and validate.
 */
public final class StackLoader {

  /** The file name looked for when none is given. */
  public static final String DEFAULT_FILE = "stack.yaml";

  /**
   * What to load.
   *
   * @param file the stack file
   * @param source how errors name it (the path as the user typed it, or {@code stack.yaml})
   * @param profile the profile to resolve for
   * @param sets {@code --set} arguments, in order
   * @param environment the process environment; it wins over {@code .env}, as in Compose
   */
  public record Request(Path file, String source, String profile, List<String> sets, Map<String, String> environment) {

    public Request {
      sets = sets == null ? List.of() : List.copyOf(sets);
      environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A request for {@code file} with the process environment and no overrides. */
    public static Request of(Path file, String profile) {
      return new Request(file, file.getFileName().toString(), profile, List.of(), System.getenv());
    }
  }

  /**
   * A loaded stack and what was known while loading it.
   *
   * @param stack the resolved stack
   * @param profile the profile applied
   * @param profiles every profile the stack can use
   */
  public record Loaded(Stack stack, Profile profile, List<String> profiles) {}

  private StackLoader() {}

  /** Loads, or throws StackFileException naming every problem. */
  public static Loaded load(Request request) {
    Path file = request.file().toAbsolutePath().normalize();
    Path dir = file.getParent();
    Node rootNode = YamlReader.read(file, request.source());
    if (!(rootNode instanceof MapNode root)) {
      throw new StackFileException(new Problem(rootNode.mark(), null,
          "a stack file is a map with 'services:', got " + rootNode.describe(),
          "start with 'services:' and one entry per service"));
    }
    ProfileCatalog catalog = ProfileCatalog.discover(root, dir, request.source());
    Profile profile = catalog.get(request.profile());
    MapNode tree = profile.applyTo(root);
    tree = SetOverrides.apply(tree, request.sets());
    tree = Interpolator.apply(tree, variables(dir, request.environment()));
    Stack stack = StackBinder.bind(tree, new BindContext(file, request.source(), defaultName(dir), profile));
    return new Loaded(stack, profile, catalog.names());
  }

  /**
   * The file loaded under every profile other than the request's, in the catalog's order: each
   * profile's problems, empty where it loads. For "it is valid under prod" and {@code validate
   * --all-profiles}. Empty when the file itself (or its profiles) does not read.
   */
  public static Map<String, List<Problem>> otherProfiles(Request request) {
    Map<String, List<Problem>> out = new LinkedHashMap<>();
    try {
      Path file = request.file().toAbsolutePath().normalize();
      if (!(YamlReader.read(file, request.source()) instanceof MapNode root)) {
        return out;
      }
      for (String name : ProfileCatalog.discover(root, file.getParent(), request.source()).names()) {
        if (name.equals(request.profile())) {
          continue;
        }
        try {
          load(new Request(request.file(), request.source(), name, request.sets(), request.environment()));
          out.put(name, List.of());
        } catch (StackFileException e) {
          out.put(name, e.problems());
        }
      }
    } catch (StackFileException e) {
      // the file does not read, or its profiles do not: nothing to say of the others
    }
    return out;
  }

  /** {@code .env} beside the stack file, overridden by the process environment. */
  static Map<String, String> variables(Path dir, Map<String, String> environment) {
    Map<String, String> vars = new HashMap<>(DotEnv.read(dir.resolve(".env"), ".env", true));
    vars.putAll(environment);
    return vars;
  }

  /** The folder's name as a stack name: lower case, runs of other characters as '-'. */
  public static String defaultName(Path dir) {
    Path name = dir.getFileName();
    String raw = name == null ? "stack" : name.toString();
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
    return s.isEmpty() ? "stack" : s;
  }
}
