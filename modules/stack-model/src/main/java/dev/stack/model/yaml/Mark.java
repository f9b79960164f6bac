package dev.stack.model.yaml;

/**
 * A place in a source the user wrote: a stack file, a profile file or a {@code --set} argument.
 * Lines and columns count from 1, as editors show them.
 *
 * @param source how the user knows the source: a path as given on the command line or relative to
 *     the working folder ({@code stack.yaml}, {@code profiles/dev.yaml}), {@code builtin:prod.yaml}
 *     for a profile shipped inside the tool, or {@code --set} for a command-line override
 * @param line 1-based line
 * @param column 1-based column
 */
public record Mark(String source, int line, int column) {

  public Mark {
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException("a mark needs a source");
    }
  }

  /** {@code stack.yaml:14:15}, the form editors jump to. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
