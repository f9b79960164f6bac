package dev.stack.model;

/**
 * A mount, written {@code "SOURCE:TARGET[:ro]"}. A source starting with {@code .}, {@code /} or
 * {@code ~} is a bind mount (relative paths are resolved against the stack file's folder); any
 * other source names a volume the stack owns.
 *
 * @param type bind or named volume
 * @param source an absolute host path (bind) or a volume name
 * @param target the path inside the container
 * @param readOnly mounted read-only
 */
public record Volume(Type type, String source, String target, boolean readOnly) {

  /** How the source is interpreted. */
  public enum Type { BIND, VOLUME }

  public Volume {
    if (source == null || source.isEmpty() || target == null || !target.startsWith("/")) {
      throw new IllegalArgumentException("a volume needs a source and an absolute target");
    }
  }

  @Override
  public String toString() {
    return source + ":" + target + (readOnly ? ":ro" : "");
  }
}
