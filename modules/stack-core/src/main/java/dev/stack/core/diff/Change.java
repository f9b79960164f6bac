package dev.stack.core.diff;

import java.util.Locale;

/**
 * One field that differs between two canonical forms of a service, like a line of Nomad's plan.
 *
 * @param path the field in stack-file spelling: {@code image}, {@code env.LOG_LEVEL},
 *     {@code restart.max_backoff}; lists are one field ({@code ports})
 * @param kind added, removed or changed
 * @param oldValue the value before (a string, number, boolean or list), null when added or secret
 * @param newValue the value after, null when removed or secret
 * @param secret the field holds a secret: its values are never kept here, only that it differs
 */
public record Change(String path, Kind kind, Object oldValue, Object newValue, boolean secret) {

  /** How a field differs. */
  public enum Kind {
    /** Only the new side has it. */
    ADDED("+"),
    /** Only the old side has it. */
    REMOVED("-"),
    /** Both have it, with different values. */
    CHANGED("+/-");

    private final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    /** Nomad's plan marker: {@code +}, {@code -}, {@code +/-}. */
    public String marker() {
      return marker;
    }

    /** The JSON spelling: {@code added}, {@code removed}, {@code changed}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Change {
    if (path == null || kind == null) {
      throw new IllegalArgumentException("a change needs a path and a kind");
    }
    if (secret) {
      oldValue = null;
      newValue = null;
    }
  }

  /** What a person reads after the path: {@code 1s => 5s}, {@code (secret changed)}. */
  public String display() {
    if (secret) {
      return kind == Kind.CHANGED ? "(secret changed)" : "(secret)";
    }
    return switch (kind) {
      case ADDED -> Values.display(newValue);
      case REMOVED -> Values.display(oldValue);
      case CHANGED -> Values.display(oldValue) + " => " + Values.display(newValue);
    };
  }
}
