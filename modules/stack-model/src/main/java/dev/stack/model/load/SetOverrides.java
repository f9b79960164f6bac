package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.profile.TreeMerge;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Mark;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import dev.stack.model.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line overrides, the top layer of the stack: {@code --set services.api.env.LOG_LEVEL=debug}.
 *
 * <p>The path is dot-separated keys; a key holding a dot is quoted: {@code services.api.env."a.b"=1}.
 * A value starting with {@code [}, <code>{</code>, {@code "} or {@code '} is read as a YAML flow
 * value ({@code [8081]}, {@code {memory: 1g}}, {@code "text"}); any other value is taken as written
 * and typed like a plain YAML scalar ({@code 8081} a number, {@code true} a boolean), so
 * {@code --set services.api.command=java -jar api.jar} or a value holding {@code #} or {@code : }
 * needs no quoting. {@code null} deletes the key; an empty value is an empty string.
 *
 * <p>The value merges into the tree like a profile layer: maps merge deeply, lists replace.
 * Marks are {@code --set:N:COL}, N the argument's position (1 for the first {@code --set}) and COL
 * the column inside it, so an error in a value points at the argument that caused it.
 */
public final class SetOverrides {

  /** How marks name a command-line override. */
  public static final String SOURCE = "--set";

  private static final String EXAMPLE = "for example --set services.api.env.LOG_LEVEL=debug";

  private SetOverrides() {}

  /**
   * Applies {@code sets} in order (a later one wins).
   *
   * @throws StackFileException naming every malformed argument
   */
  public static MapNode apply(MapNode root, List<String> sets) {
    List<Problem> problems = new ArrayList<>();
    MapNode tree = root;
    for (int i = 0; i < sets.size(); i++) {
      try {
        SetArgument arg = SetArgument.parse(sets.get(i), i + 1);
        tree = apply(tree, arg, value(arg));
      } catch (StackFileException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new StackFileException(problems);
    }
    return tree;
  }

  private static MapNode apply(MapNode root, SetArgument arg, Node value) {
    List<SetArgument.Key> keys = arg.keys();
    if (keys.get(0).name().equals("profiles")) {
      throw new StackFileException(new Problem(arg.mark(keys.get(0).column()), null,
          "profiles cannot be changed with --set: the profile is already applied",
          "set the service directly, for example --set services.api.backend=docker"));
    }
    Node at = root;
    for (int k = 0; k < keys.size() - 1; k++) {
      at = at instanceof MapNode m ? m.get(keys.get(k).name()) : null;
      if (at instanceof SeqNode || at instanceof ScalarNode s && !s.isNull()) {
        String path = arg.path(k + 1);
        throw new StackFileException(new Problem(arg.mark(keys.get(k + 1).column()), null,
            "cannot set " + arg.path(keys.size()) + ": " + path + " is " + at.describe() + ", not a map",
            "set the whole value instead: --set " + path + "=..."));
      }
      if (at == null) {
        break;
      }
    }
    Node overlay = value;
    for (int k = keys.size() - 1; k >= 0; k--) {
      Mark keyMark = arg.mark(keys.get(k).column());
      overlay = new MapNode(keyMark, Map.of(keys.get(k).name(), new MapNode.Entry(keys.get(k).name(), keyMark, overlay)));
    }
    return (MapNode) TreeMerge.over(root, overlay);
  }

  private static Node value(SetArgument arg) {
    String text = arg.value();
    int column = arg.valueColumn();
    if (text.isEmpty() || "[{\"'".indexOf(text.charAt(0)) < 0) {
      return new ScalarNode(arg.mark(column), text, CoreSchemaTypes.of(text), false);
    }
    try {
      return shift(YamlReader.read(SOURCE, text), arg, column);
    } catch (StackFileException e) {
      List<Problem> shifted = e.problems().stream()
          .map(p -> new Problem(p.mark() == null ? null : shift(p.mark(), arg, column), p.path(), p.message(), p.hint()))
          .toList();
      throw new StackFileException(shifted);
    }
  }

  /** Moves marks from "line 1 of the value" to "argument N, column inside the argument". */
  private static Node shift(Node n, SetArgument arg, int column) {
    Mark m = shift(n.mark(), arg, column);
    if (n instanceof ScalarNode s) {
      return new ScalarNode(m, s.value(), s.type(), s.quoted());
    }
    if (n instanceof SeqNode s) {
      return new SeqNode(m, s.items().stream().map(i -> shift(i, arg, column)).toList());
    }
    MapNode map = (MapNode) n;
    Map<String, MapNode.Entry> entries = new java.util.LinkedHashMap<>();
    map.entries().values().forEach(e -> entries.put(e.key(),
        new MapNode.Entry(e.key(), shift(e.keyMark(), arg, column), shift(e.value(), arg, column))));
    return new MapNode(m, entries);
  }

  private static Mark shift(Mark m, SetArgument arg, int column) {
    return arg.mark(m.line() == 1 ? column + m.column() - 1 : m.column());
  }

  /** The hint for a malformed argument. */
  static String example() {
    return EXAMPLE;
  }
}
