package dev.stack.core.diff;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one service differs between two profiles.
 *
 * @param name the service
 * @param status added in the second profile, removed from it, changed or unchanged
 * @param fromBackend its backend in the first profile, null when added
 * @param toBackend its backend in the second profile, null when removed
 * @param changes the fields that differ (without {@code backend}, which the two backends name)
 * @param unchanged the fields that are the same, by path (shown with {@code --verbose})
 * @param addresses service addresses it uses that resolve differently
 * @param notes what the change means on the target backend
 */
public record ServiceDiff(String name, Status status, String fromBackend, String toBackend, List<Change> changes,
    Map<String, Object> unchanged, List<AddressChange> addresses, List<Note> notes) {

  /** What happened to the service. */
  public enum Status {
    ADDED, REMOVED, CHANGED, UNCHANGED;

    /** The JSON spelling. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ServiceDiff {
    changes = List.copyOf(changes);
    unchanged = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unchanged));
    addresses = List.copyOf(addresses);
    notes = List.copyOf(notes);
  }

  /** The backend moves ({@code native => docker}). */
  public boolean backendChanged() {
    return fromBackend != null && toBackend != null && !fromBackend.equals(toBackend);
  }
}
