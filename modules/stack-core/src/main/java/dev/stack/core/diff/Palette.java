package dev.stack.core.diff;

/**
 * How markers are painted: ANSI colours only when asked (a flag), never guessed, so piped and
 * golden output stays plain. Green {@code +}, red {@code -}, yellow {@code +/-}, cyan {@code ~}.
 */
public enum Palette {
  /** Plain text. */
  PLAIN,
  /** ANSI colours on the markers. */
  ANSI;

  /** The marker, padded to the marker column and painted. */
  String marker(String marker) {
    String padded = String.format("%-3s", marker);
    if (this == PLAIN || marker.isBlank()) {
      return padded;
    }
    String colour = switch (marker) {
      case "+" -> "32";
      case "-" -> "31";
      case "+/-" -> "33";
      default -> "36";
    };
    return "\u001b[" + colour + "m" + padded + "\u001b[0m";
  }
}
