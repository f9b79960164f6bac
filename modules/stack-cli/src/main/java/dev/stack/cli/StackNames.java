package dev.stack.cli;

import dev.stack.model.load.StackLoader;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.YamlReader;
import java.nio.file.Path;

/**
 * A stack's name without loading it whole: {@code name:} of the file, else the folder's name.
 * Reading logs needs only this, so {@code stack logs} stays quick and works whatever the profile.
 */
final class StackNames {

  private StackNames() {}

  static String of(Path file, String source) {
    Path abs = file.toAbsolutePath().normalize();
    Node root = YamlReader.read(abs, source);
    if (root instanceof MapNode map && map.get("name") instanceof ScalarNode s && !s.isNull()) {
      return s.value();
    }
    return StackLoader.defaultName(abs.getParent());
  }
}
