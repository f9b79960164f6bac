package dev.stack.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code depends_on} graph of a stack: start order and cycles. Dependencies on names that are
 * not in the graph are ignored here (the binder reports them).
 */
public final class DependencyGraph {

  private DependencyGraph() {}

  /**
   * The start order of a stack's services in levels: every service of a level depends only on
   * services of earlier levels, so a level can start at once. Within a level, file order.
   */
  public static List<List<String>> order(Stack stack) {
    Map<String, Collection<String>> deps = new LinkedHashMap<>();
    stack.services().forEach((name, s) -> deps.put(name, s.dependsOn().keySet()));
    return levels(deps);
  }

  /**
   * Levels of a graph given as node → the nodes it depends on, in the map's order.
   *
   * @throws IllegalArgumentException when the graph has a cycle
   */
  public static List<List<String>> levels(Map<String, ? extends Collection<String>> deps) {
    List<List<String>> levels = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (placed.size() < deps.size()) {
      List<String> level = new ArrayList<>();
      for (Map.Entry<String, ? extends Collection<String>> e : deps.entrySet()) {
        if (!placed.contains(e.getKey()) && e.getValue().stream()
            .allMatch(d -> placed.contains(d) || !deps.containsKey(d))) {
          level.add(e.getKey());
        }
      }
      if (level.isEmpty()) {
        throw new IllegalArgumentException("dependency cycle: " + String.join(" -> ", cycles(deps).get(0)));
      }
      placed.addAll(level);
      levels.add(level);
    }
    return levels;
  }

  /**
   * Every elementary cycle found by a depth-first walk in map order, each once, each written from
   * its earliest node back to it: {@code [a, b, c, a]}.
   */
  public static List<List<String>> cycles(Map<String, ? extends Collection<String>> deps) {
    List<String> order = new ArrayList<>(deps.keySet());
    Map<String, Integer> state = new HashMap<>(); // 1 on the current path, 2 done
    List<List<String>> found = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    for (String start : order) {
      walk(start, deps, state, new ArrayList<>(), found, seen, order);
    }
    return found;
  }

  private static void walk(String node, Map<String, ? extends Collection<String>> deps, Map<String, Integer> state,
      List<String> path, List<List<String>> found, Set<Set<String>> seen, List<String> order) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      if (seen.add(new LinkedHashSet<>(cycle))) {
        found.add(rotate(cycle, order));
      }
      return;
    }
    state.put(node, 1);
    path.add(node);
    Collection<String> next = deps.get(node);
    for (String d : next == null ? List.<String>of() : next) {
      if (deps.containsKey(d)) {
        walk(d, deps, state, path, found, seen, order);
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
  }

  private static List<String> rotate(List<String> cycle, List<String> order) {
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (order.indexOf(cycle.get(i)) < order.indexOf(cycle.get(first))) {
        first = i;
      }
    }
    List<String> out = new ArrayList<>(cycle.subList(first, cycle.size()));
    out.addAll(cycle.subList(0, first));
    out.add(out.get(0));
    return out;
  }
}
