package dev.stack.model.load;

import dev.stack.model.Stack;
import dev.stack.model.yaml.MapNode;

/**
 * Binds a merged, interpolated tree to the model, checking every key, type and value, and the rules
 * that span services (unknown dependencies, cycles, port clashes). STUB: replaced by the model work.
 */
public final class StackBinder {

  private StackBinder() {}

  /** Binds {@code root}; throws StackFileException with every problem found. */
  public static Stack bind(MapNode root, BindContext context) {
    throw new UnsupportedOperationException("StackBinder: not written yet");
  }
}
