package dev.stack.model.yaml;

/**
 * A YAML node that remembers where it was written. The loader reads the stack file, the profiles
 * and {@code --set} values into these, merges and interpolates them as trees, and binds the result
 * to the model; every error can therefore point at the exact place the value came from.
 */
public sealed interface Node permits MapNode, SeqNode, ScalarNode {

  /** Where the node starts. */
  Mark mark();

  /** What the user would call this kind of value in an error message: "a map", "a list", "a string"... */
  String describe();
}
