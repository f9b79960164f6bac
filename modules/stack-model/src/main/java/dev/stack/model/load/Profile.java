package dev.stack.model.load;

import dev.stack.model.yaml.MapNode;

/**
 * A profile: which backend runs the stack, plus overlays on its services. OWNED BY the profiles
 * work (ProfileCatalog); this is the contract the loader relies on.
 *
 * @param name the profile's name
 * @param backend {@code native} or {@code docker}
 * @param publishAddress where published ports bind unless a port says (127.0.0.1 / 0.0.0.0)
 * @param description one line for listings, may be null
 * @param sources where its layers came from, lowest first ({@code builtin:dev.yaml}, {@code profiles/dev.yaml}, {@code stack.yaml})
 */
public record Profile(String name, String backend, String publishAddress, String description,
    java.util.List<String> sources, Overlay overlay) {

  /** Applies the profile's layers to a stack tree. */
  @FunctionalInterface
  public interface Overlay {
    /**
     * Returns the stack tree with this profile applied: per service, profile defaults under the
     * service's own settings, then the profile's service overlays over them (built-in, beside the
     * file, inline), maps merged deeply, lists replaced, null deleting. The {@code profiles:}
     * section is removed. Marks are kept, so errors point into whichever file a value came from.
     */
    MapNode apply(MapNode stackRoot);
  }

  public MapNode applyTo(MapNode stackRoot) {
    return overlay.apply(stackRoot);
  }
}
