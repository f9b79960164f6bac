package dev.stack.model.load;

import dev.stack.model.yaml.MapNode;
import java.util.List;

/**
 * A profile: which backend runs the stack, where published ports bind, and the overlays it puts on
 * services. Built by {@link ProfileCatalog} from the built-in profile, {@code profiles/NAME.yaml}
 * beside the stack file and the inline {@code profiles:} section.
 *
 * @param name the profile's name
 * @param backend {@code native} or {@code docker}: the backend of every service that does not say
 *     its own {@code backend:} (one that does makes the stack hybrid)
 * @param publishAddress where published ports bind unless a port says (127.0.0.1 / 0.0.0.0)
 * @param description one line for listings, may be null
 * @param sources where its layers came from, lowest first ({@code builtin:dev.yaml},
 *     {@code profiles/dev.yaml}, {@code stack.yaml}); a profile that extends another lists the
 *     other's sources first
 * @param overlay how the profile changes a stack tree
 */
public record Profile(String name, String backend, String publishAddress, String description,
    List<String> sources, Overlay overlay) {

  public Profile {
    sources = List.copyOf(sources);
  }

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

  /** The stack tree with this profile applied; see {@link Overlay#apply}. */
  public MapNode applyTo(MapNode stackRoot) {
    return overlay.apply(stackRoot);
  }
}
