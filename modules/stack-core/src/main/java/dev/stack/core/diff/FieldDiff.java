package dev.stack.core.diff;

import dev.stack.core.plan.Planner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Compares two canonical forms of a service ({@link dev.stack.model.Canonical}, best in
 * {@code HASHED} mode so that a changed secret is seen) field by field. Maps are walked down to
 * their leaves ({@code env.LOG_LEVEL}, {@code restart.max_backoff}); a list is one value
 * ({@code ports}), since its order matters and a user reads it whole.
 */
public final class FieldDiff {

  private FieldDiff() {}

  /**
   * The changes from {@code before} to {@code after}, in the fields' canonical order.
   *
   * @param secretPaths fields holding secrets on either side ({@code env.TOKEN}): reported as
   *     changed or not, never with their values
   */
  public static List<Change> compare(Map<String, Object> before, Map<String, Object> after, Set<String> secretPaths) {
    Map<String, Object> a = leaves(before);
    Map<String, Object> b = leaves(after);
    List<Change> changes = new ArrayList<>();
    for (String path : mergedOrder(a.keySet(), b.keySet())) {
      boolean secret = secretPaths.contains(path);
      if (!a.containsKey(path)) {
        changes.add(new Change(path, Change.Kind.ADDED, null, b.get(path), secret));
      } else if (!b.containsKey(path)) {
        changes.add(new Change(path, Change.Kind.REMOVED, a.get(path), null, secret));
      } else if (!Objects.equals(a.get(path), b.get(path))) {
        changes.add(new Change(path, Change.Kind.CHANGED, a.get(path), b.get(path), secret));
      }
    }
    return changes;
  }

  /** The paths of the fields that differ: why a recreate is forced ({@code image}, {@code env.LOG_LEVEL}). */
  public static List<String> changedPaths(Map<String, Object> before, Map<String, Object> after) {
    return compare(before, after, Set.of()).stream().map(Change::path).toList();
  }

  /**
   * The reasons function {@link Planner#plan} takes, given where the canonical forms of running
   * and desired instances are found (the stored label of a container, the loaded stack). A form
   * that cannot be found gives no fields, and the plan says "definition changed".
   */
  public static BiFunction<Planner.Current, Planner.Desired, List<String>> plannerReasons(
      Function<Planner.Current, Map<String, Object>> running, Function<Planner.Desired, Map<String, Object>> desired) {
    return (c, d) -> {
      Map<String, Object> before = running.apply(c);
      Map<String, Object> after = desired.apply(d);
      return before == null || after == null ? List.of() : changedPaths(before, after);
    };
  }

  /** The form's leaves by path, in order: nested maps flattened with dots, lists and scalars kept. */
  public static Map<String, Object> leaves(Map<String, Object> form) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", form, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner && !inner.isEmpty()) {
        flatten(path + ".", inner, out);
      } else {
        out.put(path, e.getValue());
      }
    }
  }

  /** The after side's order, with keys only the before side has placed after their predecessor there. */
  static <K> List<K> mergedOrder(Collection<K> before, Collection<K> after) {
    List<K> order = new ArrayList<>(after);
    int insertAt = 0;
    for (K key : before) {
      int at = order.indexOf(key);
      if (at >= 0) {
        insertAt = at + 1;
      } else {
        order.add(insertAt++, key);
      }
    }
    return order;
  }
}
