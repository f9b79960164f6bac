package dev.stack.core.json;

/** A JSON text could not be read, or a value could not be written as JSON. */
public final class JsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  /** A problem at character {@code offset} of the text (0-based), or -1 when not about a text. */
  public JsonException(String message, int offset) {
    super(offset < 0 ? message : message + " at offset " + offset);
    this.offset = offset;
  }

  /** The 0-based character offset of the problem in the text read, or -1. */
  public int offset() {
    return offset;
  }
}
