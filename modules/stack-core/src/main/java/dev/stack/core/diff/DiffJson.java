package dev.stack.core.diff;

import dev.stack.core.diff.ServiceDiff.Status;
import dev.stack.core.plan.Plan.Kind;
import dev.stack.model.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON form of both diffs ({@code --json}), documented in docs/diff.md. Every key is always
 * present (null or empty when it does not apply) so that readers need no guessing; secrets appear
 * as {@code "secret": true} with null values.
 */
public final class DiffJson {

  /** The {@code schema} value; raised when a key's meaning changes, not when one is added. */
  public static final int SCHEMA = 1;

  private DiffJson() {}

  /** {@code stack diff A B --json}, indented, without a trailing newline. */
  public static String render(ProfileDiff d) {
    return Json.pretty(tree(d));
  }

  /** {@code stack diff --json}, {@code stack up --dry-run --json}, indented, without a trailing newline. */
  public static String render(PlanDiff d) {
    return Json.pretty(tree(d));
  }

  /** The profile diff as nested maps. */
  public static Map<String, Object> tree(ProfileDiff d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("kind", "profiles");
    m.put("stack", d.stack());
    m.put("from", object("profile", d.fromProfile(), "backend", d.fromBackend()));
    m.put("to", object("profile", d.toProfile(), "backend", d.toBackend()));
    m.put("differences", d.hasDifferences());
    m.put("services", list(d.services(), DiffJson::service));
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      summary.put(status.word(), d.count(status));
    }
    m.put("summary", summary);
    return m;
  }

  private static Map<String, Object> service(ServiceDiff s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("status", s.status().word());
    m.put("backend", object("from", s.fromBackend(), "to", s.toBackend()));
    m.put("changes", list(s.changes(), c -> object("path", c.path(), "change", c.kind().word(), "old", c.oldValue(),
        "new", c.newValue(), "secret", c.secret())));
    m.put("addresses", list(s.addresses(), a -> object("field", a.field(), "service", a.service(), "from", a.before(),
        "to", a.after(), "problem", a.problem())));
    m.put("notes", list(s.notes(), n -> object("topic", n.topic().word(), "text", n.text())));
    return m;
  }

  private static <T> List<Object> list(List<T> items, Function<T, Object> json) {
    List<Object> out = new ArrayList<>();
    items.forEach(item -> out.add(json.apply(item)));
    return out;
  }

  /** A JSON object from alternating keys and values, in that order. */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** The plan as nested maps. */
  public static Map<String, Object> tree(PlanDiff d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("kind", "plan");
    m.put("stack", d.stack());
    m.put("profile", d.profile());
    m.put("differences", d.hasDifferences());
    m.put("actions", list(d.plan().actions(), a -> object("action", a.kind().word(), "instance", a.instance(),
        "service", a.service(), "index", a.index(), "backend", object("from", a.fromBackend(), "to", a.toBackend()),
        "fields", new ArrayList<Object>(PlanDiff.forcingFields(a)), "reasons", new ArrayList<Object>(a.reasons()))));
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      counts.put(k.word(), d.count(k));
    }
    m.put("summary", counts);
    return m;
  }
}
