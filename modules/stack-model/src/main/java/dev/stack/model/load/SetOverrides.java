package dev.stack.model.load;

import dev.stack.model.yaml.MapNode;
import java.util.List;

/**
 * Command-line overrides: {@code --set services.api.env.LOG_LEVEL=debug}. The value is read as a
 * YAML flow value ({@code --set services.api.ports=[8081]}); {@code null} deletes. Marks name
 * {@code --set} so errors point at the argument. STUB: replaced by the profiles work.
 */
public final class SetOverrides {

  private SetOverrides() {}

  public static MapNode apply(MapNode root, List<String> sets) {
    if (!sets.isEmpty()) {
      throw new UnsupportedOperationException("SetOverrides: not written yet");
    }
    return root; // STUB
  }
}
