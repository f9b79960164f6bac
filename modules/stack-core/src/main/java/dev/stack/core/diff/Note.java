package dev.stack.core.diff;

import java.util.Locale;

/**
 * What a change means for a service: something the target backend cannot honour or honours
 * differently, derived from the backends' declared capabilities.
 *
 * @param topic what the note is about, for filtering and JSON
 * @param text one line for people: {@code filesystem isolation: none on native => own root filesystem on docker}
 */
public record Note(Topic topic, String text) {

  /** What a note is about. */
  public enum Topic {
    FILESYSTEM, NETWORK, RESOURCES, RESTART, SECURITY, HEALTH, PORTS, HYBRID, BACKEND;

    /** The JSON spelling. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
