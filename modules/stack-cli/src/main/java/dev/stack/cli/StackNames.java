package dev.stack.cli;

import dev.stack.agent.supervisor.SavedStacks;
import dev.stack.model.load.StackLoader;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.YamlReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A stack's name without loading it whole: {@code name:} of the file, else the folder's name.
 * Reading logs needs only this, so {@code stack logs} stays quick and works whatever the profile.
 */
final class StackNames {

  private StackNames() {}

  /** A stack's name and the services its file defines ({@code services:} keys; profiles add none). */
  record Named(String name, List<String> services) {}

  static String of(Path file, String source) {
    return read(file, source).name();
  }

  /**
   * The stack that runs from {@code file} as the agent saved it in {@code stateDir}: for reading the
   * logs of a running stack whose file does not load at the moment (an edit in progress).
   */
  static Optional<Named> running(Path stateDir, Path file) {
    return SavedStacks.runningFrom(stateDir, file).map(s -> new Named(s.name(), s.services()));
  }

  static Named read(Path file, String source) {
    Path abs = file.toAbsolutePath().normalize();
    Node root = YamlReader.read(abs, source);
    String name = StackLoader.defaultName(abs.getParent());
    List<String> services = List.of();
    if (root instanceof MapNode map) {
      if (map.get("name") instanceof ScalarNode s && !s.isNull()) {
        name = s.value();
      }
      if (map.get("services") instanceof MapNode m) {
        services = List.copyOf(m.entries().keySet());
      }
    }
    return new Named(name, services);
  }
}
