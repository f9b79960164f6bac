package dev.stack.model.yaml;

import java.util.List;

/** A sequence, in order. */
public record SeqNode(Mark mark, List<Node> items) implements Node {

  public SeqNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
