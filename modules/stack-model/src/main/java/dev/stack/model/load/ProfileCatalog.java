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

  /** Finds every profile visible to a stack. STUB: only bare dev and prod, no overlays. */
  public static ProfileCatalog discover(MapNode stackRoot, Path stackDir, String stackSource) {
    return new ProfileCatalog();
  }

  /** The profile named, or a StackFileException that lists the known ones. */
  public Profile get(String name) {
    Profile.Overlay strip = root -> {
      java.util.Map<String, MapNode.Entry> e = new java.util.LinkedHashMap<>(root.entries());
      e.remove("profiles");
      return new MapNode(root.mark(), e);
    };
    if ("dev".equals(name)) {
      return new Profile("dev", "native", "127.0.0.1", null, List.of(), strip);
    }
    if ("prod".equals(name)) {
      return new Profile("prod", "docker", "0.0.0.0", null, List.of(), strip);
    }
    throw new dev.stack.model.StackFileException(new dev.stack.model.Problem(null, null,
        "unknown profile '" + name + "'", "known profiles: dev, prod"));
  }

  /** Every known profile name, built-in first. */
  public List<String> names() {
    return List.of("dev", "prod");
  }
}
