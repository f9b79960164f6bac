package dev.stack.model.load;

import dev.stack.model.profile.ProfileLayer;
import dev.stack.model.profile.TreeMerge;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a profile's layers to a stack tree. Per service, lowest first: the {@code defaults} of
 * every layer (later layers winning), then the service's own settings, then each layer's
 * {@code services.NAME} overlay in order. The {@code profiles:} section is removed.
 *
 * <p>Defaults go under the service because they are the profile's opinion about services in
 * general; overlays go over it because they are the profile's word about one service.
 */
final class ProfileOverlay implements Profile.Overlay {

  private final String name;
  private final List<ProfileLayer> layers;

  ProfileOverlay(String name, List<ProfileLayer> layers) {
    this.name = name;
    this.layers = List.copyOf(layers);
  }

  @Override
  public MapNode apply(MapNode stackRoot) {
    Map<String, MapNode.Entry> top = new LinkedHashMap<>(stackRoot.entries());
    top.remove("profiles");
    MapNode.Entry services = top.get("services");
    if (services != null && services.value() instanceof MapNode serviceMap) {
      top.put("services", new MapNode.Entry("services", services.keyMark(), applyToServices(serviceMap)));
    }
    return new MapNode(stackRoot.mark(), top);
  }

  private MapNode applyToServices(MapNode services) {
    Node defaults = null;
    for (ProfileLayer l : layers) {
      defaults = defaults == null ? l.defaults() : TreeMerge.over(defaults, l.defaults());
    }
    Map<String, MapNode.Entry> out = new LinkedHashMap<>();
    for (MapNode.Entry e : services.entries().values()) {
      if (!(e.value() instanceof MapNode own)) {
        out.put(e.key(), e); // the binder says what is wrong with it
        continue;
      }
      Node merged = defaults == null ? own : TreeMerge.under(defaults, own);
      for (ProfileLayer l : layers) {
        Node overlay = l.services().get(e.key());
        if (overlay != null) {
          merged = TreeMerge.over(merged, overlay);
        }
      }
      out.put(e.key(), new MapNode.Entry(e.key(), e.keyMark(), merged));
    }
    return new MapNode(services.mark(), out);
  }

  @Override
  public String toString() {
    return "profile " + name + " from " + layers.stream().map(ProfileLayer::source).toList();
  }
}
