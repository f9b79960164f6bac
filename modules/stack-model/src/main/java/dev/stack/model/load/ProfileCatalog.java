package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.profile.NearestName;
import dev.stack.model.profile.ProfileLayer;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The profiles a stack can use, each the stack of its layers, lowest first:
 * <ol>
 *   <li>the built-in profile shipped inside the tool (the repository's {@code profiles/*.yaml},
 *       packaged as {@code dev/stack/model/profiles/}),
 *   <li>{@code profiles/NAME.yaml} beside the stack file,
 *   <li>the entry {@code NAME} of the stack file's inline {@code profiles:} section.
 * </ol>
 * A name no built-in profile has is a new profile: it must say its {@code backend}, or
 * {@code extends: OTHER} to start from all the layers of another profile.
 *
 * <p>{@link #discover} checks every profile, not only the one asked for, so a typo in the prod
 * profile is reported while working in dev rather than on the day of the release.
 */
public final class ProfileCatalog {

  /** The built-in profiles, in the order listings show them; each is {@code profiles/NAME.yaml}. */
  public static final List<String> BUILT_IN = List.of("dev", "prod");

  /** Where the built-in profiles are on the classpath. */
  static final String RESOURCE_DIR = "/dev/stack/model/profiles/";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private final Map<String, Profile> profiles;

  private ProfileCatalog(Map<String, Profile> profiles) {
    this.profiles = profiles;
  }

  /**
   * Finds and checks every profile visible to a stack.
   *
   * @param stackRoot the stack file's root map (its {@code services:} and {@code profiles:} are read)
   * @param stackDir the stack file's folder, where {@code profiles/NAME.yaml} is looked for
   * @param stackSource how errors name the stack file; beside files are named relative to it
   * @throws StackFileException naming every problem in every profile
   */
  public static ProfileCatalog discover(MapNode stackRoot, Path stackDir, String stackSource) {
    List<Problem> problems = new ArrayList<>();
    Map<String, List<ProfileLayer>> own = new LinkedHashMap<>();
    for (ProfileLayer layer : BuiltIns.LAYERS) {
      own.computeIfAbsent(layer.name(), n -> new ArrayList<>()).add(layer);
    }
    for (ProfileLayer layer : beside(stackDir, stackSource, problems)) {
      own.computeIfAbsent(layer.name(), n -> new ArrayList<>()).add(layer);
    }
    for (ProfileLayer layer : inline(stackRoot, stackSource, problems)) {
      own.computeIfAbsent(layer.name(), n -> new ArrayList<>()).add(layer);
    }
    checkServiceNames(own, stackRoot, problems);
    Map<String, Profile> resolved = new ProfileResolver(own, problems).resolveAll();
    if (!problems.isEmpty()) {
      throw new StackFileException(problems);
    }
    return new ProfileCatalog(resolved);
  }

  /**
   * The profile named.
   *
   * @throws StackFileException {@code error: unknown profile 'stagng'} with a hint naming the known
   *     profiles (and the one meant, when the name is close to one)
   */
  public Profile get(String name) {
    Profile p = profiles.get(name);
    if (p == null) {
      throw new StackFileException(new Problem(null, null, "unknown profile '" + name + "'",
          NearestName.didYouMean(String.valueOf(name), names()) + "known profiles: " + String.join(", ", names())));
    }
    return p;
  }

  /** Every known profile name: built-in first, then the stack's own in alphabetical order. */
  public List<String> names() {
    return List.copyOf(profiles.keySet());
  }

  /**
   * Reads the built-in profiles now, if no load did yet, in the calling thread: a process that will
   * load a stack file soon (the agent, once its socket is bound and before the first request comes)
   * calls it from a thread of its own, so that the first load finds them read and the YAML reader's
   * classes initialized. A load that comes first reads them itself; one that comes meanwhile waits
   * for this read (never a second one).
   */
  public static void preload() {
    BuiltIns.LAYERS.size();
  }

  /**
   * The built-in layers, read once per process (class initialization: thread-safe, at most once):
   * they are constant, and reading them cost a cold {@code stack up} about 20 ms each time.
   */
  private static final class BuiltIns {
    static final List<ProfileLayer> LAYERS = read();

    private static List<ProfileLayer> read() {
      List<ProfileLayer> out = new ArrayList<>();
      for (String name : BUILT_IN) {
        out.add(builtIn(name));
      }
      return List.copyOf(out);
    }

    private static ProfileLayer builtIn(String name) {
      String source = "builtin:" + name + ".yaml";
      try (InputStream in = ProfileCatalog.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
        if (in == null) {
          throw new IllegalStateException("built-in profile missing from the classpath: " + RESOURCE_DIR + name + ".yaml");
        }
        Node node = YamlReader.read(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        List<Problem> problems = new ArrayList<>();
        ProfileLayer layer = ProfileLayer.read(name, source, node.mark(), node, problems);
        if (!problems.isEmpty()) {
          throw new IllegalStateException("built-in profile " + source + " is broken: " + problems);
        }
        return layer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static List<ProfileLayer> beside(Path stackDir, String stackSource, List<Problem> problems) {
    Path dir = stackDir.resolve("profiles");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Path sourceParent = Path.of(stackSource).getParent();
    String prefix = sourceParent == null ? "" : sourceParent.toString().replace('\\', '/') + "/";
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new StackFileException(new Problem(null, null, "cannot read " + prefix + "profiles/: " + e.getMessage(), null));
    }
    List<ProfileLayer> layers = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Path f : files) {
      String fileName = f.getFileName().toString();
      String name = fileName.substring(0, fileName.lastIndexOf('.'));
      String source = prefix + "profiles/" + fileName;
      Mark start = new Mark(source, 1, 1);
      if (!NAME.matcher(name).matches()) {
        problems.add(new Problem(start, null, "'" + name + "' is not a profile name",
            "name profile files like dev.yaml: lower case letters, digits, '-' and '_'"));
        continue;
      }
      String other = seen.put(name, source);
      if (other != null) {
        problems.add(new Problem(start, null, "profile '" + name + "' is also defined by " + other,
            "keep one of the two files"));
        continue;
      }
      Node node = YamlReader.read(f, source);
      layers.add(ProfileLayer.read(name, source, node.mark(), node, problems));
    }
    return layers;
  }

  private static List<ProfileLayer> inline(MapNode stackRoot, String stackSource, List<Problem> problems) {
    Node section = stackRoot.get("profiles");
    if (section == null || section instanceof ScalarNode s && s.isNull()) {
      return List.of();
    }
    if (!(section instanceof MapNode map)) {
      problems.add(new Problem(section.mark(), "profiles", "expected a map of profile name to profile, got "
          + section.describe(), "for example profiles: {dev: {services: {api: {env: {LOG_LEVEL: debug}}}}}"));
      return List.of();
    }
    List<ProfileLayer> layers = new ArrayList<>();
    for (MapNode.Entry e : map.entries().values()) {
      if (e.key().startsWith("x-")) {
        continue;
      }
      if (!NAME.matcher(e.key()).matches()) {
        problems.add(new Problem(e.keyMark(), "profiles." + e.key(), "invalid profile name",
            "profile names take lower case letters, digits, '-' and '_'"));
        continue;
      }
      layers.add(ProfileLayer.read(e.key(), stackSource, e.keyMark(), e.value(), problems));
    }
    return layers;
  }

  /** A profile's {@code services} may only name services the stack has. */
  private static void checkServiceNames(Map<String, List<ProfileLayer>> own, MapNode stackRoot, List<Problem> problems) {
    if (!(stackRoot.get("services") instanceof MapNode services)) {
      return; // the binder reports a missing or malformed services section
    }
    Set<String> known = new LinkedHashSet<>(services.entries().keySet());
    for (List<ProfileLayer> layers : own.values()) {
      for (ProfileLayer layer : layers) {
        for (MapNode.Entry e : layer.services().entries().values()) {
          if (!known.contains(e.key())) {
            problems.add(new Problem(e.keyMark(), "profiles." + layer.name() + ".services." + e.key(),
                "no service '" + e.key() + "' in this stack",
                NearestName.didYouMean(e.key(), known) + "services: " + String.join(", ", known)));
          }
        }
      }
    }
  }
}
