package dev.stack.model.yaml;

/**
 * A scalar with its YAML 1.2 core-schema type. {@code no}, {@code on} and {@code 22:22} are
 * strings here, unlike YAML 1.1; a quoted scalar is always a string.
 *
 * @param value the text as written (after YAML unescaping); for NULL the text may be empty or "~"
 * @param type the resolved core-schema type
 * @param quoted whether the scalar was single- or double-quoted (or a block scalar)
 */
public record ScalarNode(Mark mark, String value, Type type, boolean quoted) implements Node {

  /** YAML 1.2 core-schema types. */
  public enum Type { STRING, INT, FLOAT, BOOL, NULL }

  public ScalarNode {
    if (value == null) {
      throw new IllegalArgumentException("scalar value must not be null (use Type.NULL)");
    }
  }

  /** A plain string scalar, as produced by interpolation or {@code --set}. */
  public static ScalarNode string(Mark mark, String value) {
    return new ScalarNode(mark, value, Type.STRING, true);
  }

  public boolean isNull() {
    return type == Type.NULL;
  }

  @Override
  public String describe() {
    return switch (type) {
      case STRING -> "a string";
      case INT -> "a number";
      case FLOAT -> "a number";
      case BOOL -> "a boolean";
      case NULL -> "null";
    };
  }
}
