package dev.stack.model.load;

import dev.stack.model.yaml.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * What a plain (unquoted) scalar means under the YAML 1.2 core schema, the rule the stack file is
 * read with: {@code 8080} is an int, {@code true} a bool, {@code null} and {@code ~} null,
 * {@code no} and {@code 22:22} strings.
 */
final class CoreSchemaTypes {

  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  private CoreSchemaTypes() {}

  /** The type of {@code text} written as a plain scalar; the empty text is an empty string here. */
  static ScalarNode.Type of(String text) {
    if (text.isEmpty()) {
      return ScalarNode.Type.STRING;
    }
    Tag tag = RESOLVER.resolve(text, true);
    if (tag.equals(Tag.INT)) {
      return ScalarNode.Type.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return ScalarNode.Type.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return ScalarNode.Type.BOOL;
    }
    if (tag.equals(Tag.NULL)) {
      return ScalarNode.Type.NULL;
    }
    return ScalarNode.Type.STRING;
  }
}
