package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.stack.model.StackFileException;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.YamlReader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/** Small readers over node trees for the profile, --set and interpolation tests. */
final class Trees {

  private Trees() {}

  static MapNode yaml(String text) {
    return (MapNode) YamlReader.read("stack.yaml", text);
  }

  /** The node at a dotted path, or null when a key is missing. */
  static Node at(Node root, String path) {
    Node n = root;
    for (String key : path.split("\\.")) {
      if (!(n instanceof MapNode m)) {
        return null;
      }
      n = m.get(key);
    }
    return n;
  }

  static ScalarNode scalar(Node root, String path) {
    return assertInstanceOf(ScalarNode.class, at(root, path), path);
  }

  static String text(Node root, String path) {
    return scalar(root, path).value();
  }

  /** The problems text the user sees, one Problem.format() after another. */
  static String problems(Executable run) {
    StackFileException e = org.junit.jupiter.api.Assertions.assertThrows(StackFileException.class, run);
    return e.problems().stream().map(dev.stack.model.Problem::format).collect(Collectors.joining("\n"));
  }
}
