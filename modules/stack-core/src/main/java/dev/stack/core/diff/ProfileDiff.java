package dev.stack.core.diff;

import dev.stack.core.diff.ServiceDiff.Status;
import dev.stack.core.spi.Capabilities;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stack diff A B}: what moving a stack from one profile to another changes, per service and
 * field, in the resolved form each backend will run, with what the change means on the target
 * backend and how service addresses change.
 *
 * @param stack the stack's name
 * @param fromProfile the first profile
 * @param toProfile the second profile
 * @param fromBackend the first profile's backend
 * @param toBackend the second profile's backend
 * @param services every service of either side: the second side's order, with removed ones where
 *     they stood
 */
public record ProfileDiff(String stack, String fromProfile, String toProfile, String fromBackend, String toBackend,
    List<ServiceDiff> services) {

  /** The field that names the backend: shown in each service's header, not as a field. */
  private static final String BACKEND = "backend";

  public ProfileDiff {
    services = List.copyOf(services);
  }

  /**
   * Compares two stacks loaded from the same file for two profiles.
   *
   * @param capabilities each backend's capabilities by name ({@code native}, {@code docker})
   * @throws IllegalArgumentException when a backend of either stack has no capabilities given
   */
  public static ProfileDiff compare(Stack from, Stack to, Map<String, Capabilities> capabilities) {
    List<String> names = FieldDiff.mergedOrder(from.services().keySet(), to.services().keySet());
    List<ServiceDiff> out = new ArrayList<>();
    for (String name : names) {
      out.add(service(from, from.services().get(name), to, to.services().get(name), capabilities));
    }
    return new ProfileDiff(to.name(), from.profile(), to.profile(), from.backend(), to.backend(), out);
  }

  private static ServiceDiff service(Stack a, Service before, Stack b, Service after, Map<String, Capabilities> caps) {
    Map<String, Object> formA = before == null ? Map.of() : withoutBackend(ResolvedForm.of(a, before));
    Map<String, Object> formB = after == null ? Map.of() : withoutBackend(ResolvedForm.of(b, after));
    Set<String> secrets = new HashSet<>();
    if (before != null) {
      secrets.addAll(ResolvedForm.secretPaths(before));
    }
    if (after != null) {
      secrets.addAll(ResolvedForm.secretPaths(after));
    }
    List<Change> changes = FieldDiff.compare(formA, formB, secrets);
    Map<String, Object> unchanged = new LinkedHashMap<>();
    Map<String, Object> leavesB = FieldDiff.leaves(formB);
    Set<String> changedPaths = new HashSet<>(changes.stream().map(Change::path).toList());
    leavesB.forEach((path, value) -> {
      if (!changedPaths.contains(path)) {
        unchanged.put(path, secrets.contains(path) ? null : value);
      }
    });
    String fromBackend = before == null ? null : before.backend();
    String toBackend = after == null ? null : after.backend();
    if (after == null) {
      return new ServiceDiff(before.name(), Status.REMOVED, fromBackend, null, changes, Map.of(), List.of(), List.of());
    }
    BackendNotes.Side sideA = before == null ? null : new BackendNotes.Side(a, before, capabilities(caps, fromBackend));
    BackendNotes.Side sideB = new BackendNotes.Side(b, after, capabilities(caps, toBackend));
    List<Note> notes = BackendNotes.of(sideA, sideB, changes);
    if (before == null) {
      return new ServiceDiff(after.name(), Status.ADDED, null, toBackend, changes, Map.of(), List.of(), notes);
    }
    List<AddressChange> addresses = AddressChanges.between(a, before, b, after);
    boolean same = changes.isEmpty() && addresses.isEmpty() && fromBackend.equals(toBackend);
    return new ServiceDiff(after.name(), same ? Status.UNCHANGED : Status.CHANGED, fromBackend, toBackend, changes,
        unchanged, addresses, same ? List.of() : notes);
  }

  private static Map<String, Object> withoutBackend(Map<String, Object> form) {
    form.remove(BACKEND);
    return form;
  }

  private static Capabilities capabilities(Map<String, Capabilities> caps, String backend) {
    Capabilities c = caps.get(backend);
    if (c == null) {
      throw new IllegalArgumentException("no capabilities known for backend '" + backend + "' (known: "
          + String.join(", ", new java.util.TreeSet<>(caps.keySet())) + ")");
    }
    return c;
  }

  /** Whether the two profiles differ at all: {@code stack diff} exits 1 if so, 0 if not. */
  public boolean hasDifferences() {
    return services.stream().anyMatch(s -> s.status() != Status.UNCHANGED);
  }

  /** How many services have the status. */
  public long count(Status status) {
    return services.stream().filter(s -> s.status() == status).count();
  }
}
