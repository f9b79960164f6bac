package dev.stack.model.load;

import dev.stack.model.yaml.MapNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The profiles a stack can use: built-in ones shipped inside the tool ({@code profiles/*.yaml} of
 * the repository), {@code profiles/NAME.yaml} beside the stack file, and the stack file's inline
 * {@code profiles:} section. STUB: replaced by the profiles work.
 */
public final class ProfileCatalog {

  private ProfileCatalog() {}

  /** Finds every profile visible to a stack. */
  public static ProfileCatalog discover(MapNode stackRoot, Path stackDir, String stackSource) {
    throw new UnsupportedOperationException("ProfileCatalog: not written yet");
  }

  /** The profile named, or a StackFileException that lists the known ones. */
  public Profile get(String name) {
    throw new UnsupportedOperationException("ProfileCatalog: not written yet");
  }

  /** Every known profile name, built-in first. */
  public List<String> names() {
    throw new UnsupportedOperationException("ProfileCatalog: not written yet");
  }
}
