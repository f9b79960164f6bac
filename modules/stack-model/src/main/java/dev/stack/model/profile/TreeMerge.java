package dev.stack.model.profile;

import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges positioned trees the way profiles and {@code --set} layer onto a stack: maps merge deeply,
 * anything else (lists, scalars, a map meeting a non-map) is replaced by the upper side, and an
 * explicit {@code null} on the upper side deletes the key below it.
 *
 * <p>A {@code null} that deletes nothing stays in the tree: under {@code env} it still means "remove
 * the variable an env_file set", and elsewhere the binder reads it as "not given".
 *
 * <p>Every value keeps the mark of the file it came from, so a bad value from
 * {@code profiles/prod.yaml} is reported there. A map that both sides define keeps the mark of the
 * <em>primary</em> side (the service's own definition), because that is where a user looks for it.
 */
public final class TreeMerge {

  private TreeMerge() {}

  /** {@code overlay} over {@code node}; the result keeps {@code node}'s marks for merged maps. */
  public static Node over(Node node, Node overlay) {
    return merge(node, overlay, false);
  }

  /** {@code defaults} under {@code node}; the result keeps {@code node}'s marks for merged maps. */
  public static Node under(Node defaults, Node node) {
    return merge(defaults, node, true);
  }

  private static Node merge(Node lower, Node upper, boolean upperIsPrimary) {
    if (!(lower instanceof MapNode low) || !(upper instanceof MapNode up)) {
      return upper;
    }
    Map<String, MapNode.Entry> entries = new LinkedHashMap<>(low.entries());
    for (MapNode.Entry e : up.entries().values()) {
      MapNode.Entry below = entries.get(e.key());
      if (below == null) {
        entries.put(e.key(), e);
      } else if (e.value() instanceof ScalarNode s && s.isNull()) {
        entries.remove(e.key());
      } else {
        Node merged = merge(below.value(), e.value(), upperIsPrimary);
        boolean bothMaps = below.value() instanceof MapNode && e.value() instanceof MapNode;
        MapNode.Entry keyFrom = bothMaps && !upperIsPrimary ? below : e;
        entries.put(e.key(), new MapNode.Entry(e.key(), keyFrom.keyMark(), merged));
      }
    }
    return new MapNode(upperIsPrimary ? up.mark() : low.mark(), entries);
  }
}
