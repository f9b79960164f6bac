package dev.stack.cli;

import dev.stack.core.json.Json;
import dev.stack.model.load.StackLoader;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
   * The stack that runs from {@code file} as the agent's saved state of {@code stateDir} has it
   * (name, and the services of its instances): for reading the logs of a running stack whose file
   * does not load at the moment (an edit in progress). Empty when none runs from it.
   */
  static Optional<Named> running(Path stateDir, Path file) {
    String abs = file.toAbsolutePath().normalize().toString();
    try (Stream<Path> states = Files.list(stateDir)) {
      for (Path state : (Iterable<Path>) states.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
        try {
          Map<String, Object> m = Json.parseObject(Files.readString(state));
          if (m.get("request") instanceof Map<?, ?> request && abs.equals(request.get("file")) && m.get("name") instanceof String name) {
            Set<String> services = new LinkedHashSet<>();
            if (m.get("instances") instanceof List<?> instances) {
              instances.forEach(i -> {
                if (i instanceof Map<?, ?> instance && instance.get("service") instanceof String service) {
                  services.add(service);
                }
              });
            }
            return Optional.of(new Named(name, List.copyOf(services)));
          }
        } catch (IOException | RuntimeException e) {
          // being rewritten, or not a state file: the next
        }
      }
    } catch (IOException e) {
      // no state: nothing runs
    }
    return Optional.empty();
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
