package dev.stack.core.diff;

import dev.stack.core.diff.ServiceDiff.Status;
import dev.stack.core.plan.Plan;
import dev.stack.core.plan.Plan.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text form of both diffs, read by people: a header line per service or instance with Nomad's
 * plan markers ({@code +} added, {@code -} removed, {@code +/-} changed), aligned fields below it,
 * a blank line between services, what the change means prefixed {@code note:} and
 * {@code address:}, and a summary line last.
 *
 * @param verbose also show unchanged services, fields and instances
 * @param palette whether markers are coloured
 */
public record DiffText(boolean verbose, Palette palette) {

  /** Plain, changes only. */
  public static final DiffText PLAIN = new DiffText(false, Palette.PLAIN);

  private static final String INDENT = "    ";

  /** Lines longer than this put a change's new value on a line of its own. */
  private static final int WIDTH = 120;

  /** The profile diff, ending with a newline. */
  public String render(ProfileDiff d) {
    StringBuilder out = new StringBuilder();
    out.append("Changes from profile ").append(d.fromProfile()).append(" (").append(d.fromBackend())
        .append(") to profile ").append(d.toProfile()).append(" (").append(d.toBackend()).append(") of stack ")
        .append(d.stack()).append(":\n");
    Map<String, Set<String>> shared = sharedNotes(d);
    for (ServiceDiff s : d.services()) {
      if (s.status() != Status.UNCHANGED || verbose) {
        out.append('\n');
        service(s, d, shared.getOrDefault(move(s), Set.of()), out);
      }
    }
    shared.forEach((move, notes) -> {
      out.append('\n').append("Every service moving ").append(move).append(":\n");
      notes.forEach(n -> out.append(INDENT).append("note: ").append(n).append('\n'));
    });
    out.append('\n').append(summary(d)).append('\n');
    return out.toString();
  }

  /**
   * Notes every service making the same backend move has (filesystem and network isolation,
   * restart semantics): printed once below the services instead of under each, when two or more
   * services move. Keyed by the move ({@code native => docker}).
   */
  private static Map<String, Set<String>> sharedNotes(ProfileDiff d) {
    Map<String, List<ServiceDiff>> byMove = new LinkedHashMap<>();
    for (ServiceDiff s : d.services()) {
      if (s.backendChanged()) {
        byMove.computeIfAbsent(move(s), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, Set<String>> shared = new LinkedHashMap<>();
    byMove.forEach((move, services) -> {
      if (services.size() < 2) {
        return;
      }
      Set<String> common = new LinkedHashSet<>(services.get(0).notes().stream().map(Note::text).toList());
      services.forEach(s -> common.retainAll(s.notes().stream().map(Note::text).toList()));
      if (!common.isEmpty()) {
        shared.put(move, common);
      }
    });
    return shared;
  }

  private static String move(ServiceDiff s) {
    return s.fromBackend() + " => " + s.toBackend();
  }

  private void service(ServiceDiff s, ProfileDiff d, Set<String> sharedNotes, StringBuilder out) {
    switch (s.status()) {
      case ADDED -> out.append(palette.marker("+")).append(' ').append(s.name()).append(" (").append(s.toBackend())
          .append("): added").append('\n');
      case REMOVED -> out.append(palette.marker("-")).append(' ').append(s.name()).append(" (")
          .append(s.fromBackend()).append("): removed").append('\n');
      case UNCHANGED -> out.append(palette.marker("")).append(' ').append(s.name()).append(" (").append(s.toBackend())
          .append("): unchanged\n");
      case CHANGED -> out.append(palette.marker("+/-")).append(' ').append(s.name())
          .append(s.backendChanged() ? ": " + move(s) : " (" + s.toBackend() + ")")
          .append('\n');
    }
    if (s.status() == Status.REMOVED && !verbose) {
      return;
    }
    fields(s, out);
    for (AddressChange a : s.addresses()) {
      out.append(INDENT).append("address: ").append(a.display()).append('\n');
    }
    for (Note n : s.notes()) {
      if (!sharedNotes.contains(n.text())) {
        out.append(INDENT).append("note: ").append(n.text()).append('\n');
      }
    }
  }

  /** One aligned line per field; a change too long for one line puts {@code => new} below the old value. */
  private void fields(ServiceDiff s, StringBuilder out) {
    List<String[]> rows = new ArrayList<>();
    if (verbose) {
      for (Map.Entry<String, Object> e : s.unchanged().entrySet()) {
        rows.add(new String[] {"", e.getKey(), e.getValue() == null ? "(secret)" : Values.display(e.getValue()), null});
      }
    }
    for (Change c : s.changes()) {
      boolean both = c.kind() == Change.Kind.CHANGED && !c.secret();
      rows.add(new String[] {c.kind().marker(), c.path(), both ? Values.display(c.oldValue()) : c.display(),
          both ? Values.display(c.newValue()) : null});
    }
    int width = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    int valueColumn = INDENT.length() + 4 + width + 2;
    for (String[] r : rows) {
      out.append(INDENT).append(palette.marker(r[0])).append(' ').append(String.format("%-" + width + "s", r[1]))
          .append("  ").append(r[2]);
      if (r[3] != null) {
        boolean wrap = valueColumn + r[2].length() + 4 + r[3].length() > WIDTH;
        out.append(wrap ? "\n" + " ".repeat(valueColumn - 3) + "=> " : " => ").append(r[3]);
      }
      out.append('\n');
    }
  }

  private String summary(ProfileDiff d) {
    if (!d.hasDifferences()) {
      return "No differences: " + services(d.services().size()) + " the same in " + d.fromProfile() + " and "
          + d.toProfile() + ".";
    }
    List<String> parts = new ArrayList<>();
    for (Status status : List.of(Status.CHANGED, Status.ADDED, Status.REMOVED)) {
      long n = d.count(status);
      if (n > 0) {
        parts.add(n + " " + status.word());
      }
    }
    parts.add(d.count(Status.UNCHANGED) + " unchanged");
    return "Summary: " + String.join(", ", parts) + ". (+ added, - removed, +/- changed"
        + (verbose ? "" : "; unchanged fields hidden") + ")";
  }

  private static String services(int n) {
    return n == 1 ? "1 service" : n + " services";
  }

  /** The plan, ending with a newline. */
  public String render(PlanDiff d) {
    StringBuilder out = new StringBuilder();
    out.append("Plan for stack ").append(d.stack()).append(", profile ").append(d.profile()).append(":\n\n");
    boolean any = false;
    for (Plan.Action a : d.plan().actions()) {
      if (a.kind() == Kind.KEEP && !verbose) {
        continue;
      }
      any = true;
      out.append(palette.marker(marker(a.kind()))).append(' ').append(String.format("%-8s", a.kind().word()))
          .append(' ').append(a.instance()).append(explain(a)).append('\n');
    }
    if (any) {
      out.append('\n');
    }
    out.append(planSummary(d)).append('\n');
    return out.toString();
  }

  private static String marker(Kind kind) {
    return switch (kind) {
      case CREATE -> "+";
      case REMOVE -> "-";
      case RECREATE -> "+/-";
      case START -> "~";
      case KEEP -> "";
    };
  }

  private static String explain(Plan.Action a) {
    if (PlanDiff.switchesBackend(a)) {
      return ": " + a.fromBackend() + " => " + a.toBackend() + " (stop the " + PlanDiff.runs(a.fromBackend())
          + ", start a " + PlanDiff.runs(a.toBackend()) + ")";
    }
    String backend = " (" + (a.toBackend() != null ? a.toBackend() : a.fromBackend()) + ")";
    return switch (a.kind()) {
      case CREATE, KEEP -> backend;
      case RECREATE -> backend + ": " + (PlanDiff.forcingFields(a).isEmpty() ? String.join(", ", a.reasons())
          : "forces recreate: " + String.join(", ", a.reasons()));
      case START, REMOVE -> backend + ": " + String.join(", ", a.reasons());
    };
  }

  private static String planSummary(PlanDiff d) {
    if (!d.hasDifferences()) {
      return "No changes: " + instances(d.count(Kind.KEEP)) + " running as the stack file says.";
    }
    List<String> parts = new ArrayList<>();
    for (Kind k : List.of(Kind.CREATE, Kind.RECREATE, Kind.START, Kind.REMOVE)) {
      long n = d.count(k);
      if (n > 0) {
        parts.add(n + " to " + k.word());
      }
    }
    parts.add(d.count(Kind.KEEP) + " unchanged");
    return "Plan: " + String.join(", ", parts) + ".";
  }

  private static String instances(long n) {
    return n == 1 ? "1 instance" : n + " instances";
  }
}
