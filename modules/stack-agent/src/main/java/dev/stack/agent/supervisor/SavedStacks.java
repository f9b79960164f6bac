package dev.stack.agent.supervisor;

import dev.stack.core.json.Json;
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
 * What the agent saved of the stacks it runs ({@link StateStore}'s files), read without asking it:
 * for a command that needs a running stack's name while its file does not load (an edit in
 * progress), and reads nothing else.
 */
public final class SavedStacks {

  private SavedStacks() {}

  /** A stack as saved: its name and the services of its instances. */
  public record Saved(String name, List<String> services) {}

  /** The stack saved in {@code stateDir} as running from {@code file}; empty when none is. */
  public static Optional<Saved> runningFrom(Path stateDir, Path file) {
    String abs = file.toAbsolutePath().normalize().toString();
    try (Stream<Path> states = Files.list(stateDir)) {
      for (Path state : (Iterable<Path>) states.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
        try {
          Map<String, Object> m = Json.parseObject(Files.readString(state));
          if (m.get("request") instanceof Map<?, ?> request && abs.equals(request.get("file")) && m.get("name") instanceof String name) {
            Set<String> services = new LinkedHashSet<>();
            if (m.get("instances") instanceof List<?> instances) {
              for (Object i : instances) {
                if (i instanceof Map<?, ?> instance && instance.get("service") instanceof String service) {
                  services.add(service);
                }
              }
            }
            return Optional.of(new Saved(name, List.copyOf(services)));
          }
        } catch (IOException | RuntimeException e) {
          // being replaced, or not a state file: the next
        }
      }
    } catch (IOException e) {
      // no state saved: nothing runs
    }
    return Optional.empty();
  }
}
