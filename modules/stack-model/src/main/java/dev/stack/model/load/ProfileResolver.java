package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.profile.NearestName;
import dev.stack.model.profile.ProfileLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the layers found for each profile name into {@link Profile}s: follows {@code extends},
 * refuses cycles, and takes each setting from the highest layer that gives it.
 */
final class ProfileResolver {

  /** Where published ports bind when no layer says: only this machine, the safe choice. */
  static final String DEFAULT_PUBLISH_ADDRESS = "127.0.0.1";

  private final Map<String, List<ProfileLayer>> own;
  private final List<Problem> problems;
  private final Map<String, List<ProfileLayer>> resolved = new LinkedHashMap<>();
  private final List<String> resolving = new ArrayList<>();

  ProfileResolver(Map<String, List<ProfileLayer>> own, List<Problem> problems) {
    this.own = own;
    this.problems = problems;
  }

  /** Every profile, built-in first, then the stack's own alphabetically; broken ones left out. */
  Map<String, Profile> resolveAll() {
    Map<String, Profile> out = new LinkedHashMap<>();
    Map<String, List<ProfileLayer>> ordered = new LinkedHashMap<>();
    ProfileCatalog.BUILT_IN.forEach(n -> ordered.put(n, own.get(n)));
    new TreeMap<>(own).forEach(ordered::putIfAbsent);
    for (String name : ordered.keySet()) {
      List<ProfileLayer> layers = layers(name);
      if (layers == null) {
        continue;
      }
      Profile p = profile(name, layers);
      if (p != null) {
        out.put(name, p);
      }
    }
    return out;
  }

  /** The full layer list of {@code name}, inherited layers first; null when broken. */
  private List<ProfileLayer> layers(String name) {
    if (resolved.containsKey(name)) {
      return resolved.get(name);
    }
    List<ProfileLayer> mine = own.get(name);
    ProfileLayer extending = null;
    for (ProfileLayer l : mine) {
      if (l.extendsName() != null) {
        extending = l;
      }
    }
    List<ProfileLayer> all = new ArrayList<>();
    if (extending != null) {
      String parent = extending.extendsName();
      String at = "profiles." + name + ".extends";
      if (ProfileCatalog.BUILT_IN.contains(name)) {
        problems.add(new Problem(extending.extendsMark(), at, "'" + name + "' is a built-in profile and cannot extend another",
            "give the new profile its own name, for example staging: {extends: " + parent + "}"));
        return remember(name, null);
      }
      if (!own.containsKey(parent)) {
        problems.add(new Problem(extending.extendsMark(), at, "unknown profile '" + parent + "'",
            NearestName.didYouMean(parent, own.keySet()) + "known profiles: " + String.join(", ", known())));
        return remember(name, null);
      }
      int cycleStart = resolving.indexOf(parent);
      if (parent.equals(name) || cycleStart >= 0) {
        List<String> cycle = new ArrayList<>(cycleStart >= 0 ? resolving.subList(cycleStart, resolving.size()) : List.of());
        cycle.add(name);
        cycle.add(parent);
        problems.add(new Problem(extending.extendsMark(), at,
            "profiles extend each other in a cycle: " + String.join(" -> ", cycle), "one of them must say its backend instead"));
        return remember(name, null);
      }
      resolving.add(name);
      List<ProfileLayer> inherited = layers(parent);
      resolving.remove(name);
      if (inherited == null) {
        return remember(name, null);
      }
      all.addAll(inherited);
    }
    all.addAll(mine);
    return remember(name, all);
  }

  /** Caches the result; a broken profile is reported once, however many profiles extend it. */
  private List<ProfileLayer> remember(String name, List<ProfileLayer> layers) {
    resolved.put(name, layers);
    return layers;
  }

  private Profile profile(String name, List<ProfileLayer> layers) {
    String backend = null;
    String publish = DEFAULT_PUBLISH_ADDRESS;
    String description = null;
    for (ProfileLayer l : layers) {
      backend = l.backend() != null ? l.backend() : backend;
      publish = l.publishAddress() != null ? l.publishAddress() : publish;
      description = l.description() != null ? l.description() : description;
    }
    if (backend == null) {
      ProfileLayer first = own.get(name).get(0);
      if (!hasBadBackend(name)) {
        problems.add(new Problem(first.mark(), "profiles." + name, "a new profile must say its backend",
            "add 'backend: native' or 'backend: docker', or 'extends: dev' to start from another profile"));
      }
      return null;
    }
    List<String> sources = layers.stream().map(ProfileLayer::source).distinct().toList();
    return new Profile(name, backend, publish, description, sources, new ProfileOverlay(name, layers));
  }

  /** Whether a layer of {@code name} wrote a backend that was already reported as wrong. */
  private boolean hasBadBackend(String name) {
    return problems.stream().anyMatch(p -> ("profiles." + name + ".backend").equals(p.path()));
  }

  private List<String> known() {
    List<String> names = new ArrayList<>(ProfileCatalog.BUILT_IN);
    new TreeMap<>(own).keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    return names;
  }
}
