package dev.stack.model.load;

import dev.stack.model.yaml.MapNode;
import java.util.Map;

/**
 * {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?message}},
 * {@code ${VAR?message}}, {@code $VAR}, and {@code $$} for a literal dollar, in every string scalar
 * (not in keys). {@code ${svc.NAME.host|port}} is left as written for the backends. STUB: replaced by
 * the profiles work.
 */
public final class Interpolator {

  private Interpolator() {}

  /** Returns the tree with variables replaced; errors name the scalar's mark and path. */
  public static MapNode apply(MapNode root, Map<String, String> variables) {
    return root; // STUB: identity
  }
}
