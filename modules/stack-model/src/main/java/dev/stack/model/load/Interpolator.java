package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces variable references in every string value of the tree (never in keys, and never in
 * numbers, booleans or nulls, which cannot hold one):
 * <ul>
 *   <li>{@code ${VAR}} and {@code $VAR}: the variable's value;
 *   <li>{@code ${VAR:-default}}: the default when VAR is unset or empty; {@code ${VAR-default}}:
 *       only when unset. A default may hold references itself: {@code ${PORT:-${BASE_PORT}}};
 *   <li>{@code ${VAR:?message}} / {@code ${VAR?message}}: an error showing the message when VAR is
 *       unset or empty / unset;
 *   <li>{@code $$}: a literal {@code $}; a {@code $} before anything that cannot start a name also
 *       stays as written, so regex anchors and prices need no escaping;
 *   <li>{@code ${svc.NAME.host}} and {@code ${svc.NAME.port}} stay as written: each backend
 *       resolves service addresses itself ({@link dev.stack.model.ServiceRef}).
 * </ul>
 *
 * <p><b>An unset variable without a default is an error</b>, not an empty string with a warning as
 * in Compose: a stack that silently starts with {@code DB_URL=} fails later and further from the
 * cause. Where empty is meant, {@code ${VAR:-}} says so. Unclosed <code>${</code> and invalid names
 * ({@code ${1A}}) are errors too. Errors point at the {@code $} when the value is a plain scalar
 * on one line (a quoted scalar's escapes make columns unreliable, so it points at the scalar).
 *
 * <p><b>Types.</b> A plain (unquoted) value that is exactly one reference takes the core-schema
 * type of what it expands to, as if the value had been written there: {@code port: ${PORT}} with
 * {@code PORT=8080} is the number 8080, and {@code init: ${INIT}} with {@code INIT=false} a
 * boolean. An expansion to the empty text stays an empty string (never null, which would delete).
 * A quoted value ({@code "${PORT}"}) or a value with more around the reference stays a string.
 */
public final class Interpolator {

  private Interpolator() {}

  /**
   * Returns the tree with variables replaced.
   *
   * @throws StackFileException naming every value that cannot be expanded, with its path
   */
  public static MapNode apply(MapNode root, Map<String, String> variables) {
    List<Problem> problems = new ArrayList<>();
    MapNode out = (MapNode) walk(root, "", variables, problems);
    if (!problems.isEmpty()) {
      throw new StackFileException(problems);
    }
    return out;
  }

  /** Paths of argument lists a shell may read: command, entrypoint, an exec probe. */
  private static final Pattern ARGV = Pattern.compile("\\.(command|entrypoint|exec)(\\[\\d+])?$");

  private static Node walk(Node node, String path, Map<String, String> variables, List<Problem> problems) {
    if (node instanceof MapNode map) {
      Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
      for (MapNode.Entry e : map.entries().values()) {
        String at = path.isEmpty() ? e.key() : path + "." + e.key();
        entries.put(e.key(), new MapNode.Entry(e.key(), e.keyMark(), walk(e.value(), at, variables, problems)));
      }
      return new MapNode(map.mark(), entries);
    }
    if (node instanceof SeqNode seq) {
      List<Node> items = new ArrayList<>(seq.items().size());
      for (int i = 0; i < seq.items().size(); i++) {
        items.add(walk(seq.items().get(i), path + "[" + i + "]", variables, problems));
      }
      return new SeqNode(seq.mark(), items);
    }
    ScalarNode s = (ScalarNode) node;
    if (s.type() != ScalarNode.Type.STRING || s.value().indexOf('$') < 0) {
      return s;
    }
    try {
      VariableExpansion.Result r = VariableExpansion.expand(s.value(), variables);
      ScalarNode.Type type = ScalarNode.Type.STRING;
      if (!s.quoted() && r.onlyOneReference()) {
        type = CoreSchemaTypes.of(r.text());
        type = type == ScalarNode.Type.NULL ? ScalarNode.Type.STRING : type;
      }
      return new ScalarNode(s.mark(), r.text(), type, s.quoted());
    } catch (VariableExpansion.Failure f) {
      problems.add(new Problem(markAt(s, f.offset), path.isEmpty() ? null : path, f.getMessage(), hint(f, path)));
      return s;
    }
  }

  /** A command's '$' is often meant for the service's shell (Compose's rule, and ours: write $$). */
  private static String hint(VariableExpansion.Failure f, String path) {
    return f.escaped != null && ARGV.matcher(path).find()
        ? f.hint + "; or " + f.escaped + " if the service's shell is to expand it" : f.hint;
  }

  private static Mark markAt(ScalarNode s, int offset) {
    if (s.quoted() || s.value().indexOf('\n') >= 0) {
      return s.mark();
    }
    return new Mark(s.mark().source(), s.mark().line(), s.mark().column() + offset);
  }
}
