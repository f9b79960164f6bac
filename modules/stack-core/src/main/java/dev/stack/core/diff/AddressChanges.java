package dev.stack.core.diff;

import dev.stack.core.address.Addresses;
import dev.stack.model.Service;
import dev.stack.model.ServiceRef;
import dev.stack.model.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/** Finds the service addresses a service uses and how each resolves on two stacks. */
final class AddressChanges {

  private AddressChanges() {}

  /** A reference found: the field holding it and the service it names. */
  record Reference(String field, String service) {}

  /** Every {@code ${svc.NAME.*}} in the service's env, command and entrypoint, once per field and service. */
  static List<Reference> references(Service s) {
    Map<Reference, Boolean> found = new LinkedHashMap<>();
    s.env().forEach((k, v) -> scan("env." + k, v.value(), found));
    s.command().forEach(arg -> scan("command", arg, found));
    s.entrypoint().forEach(arg -> scan("entrypoint", arg, found));
    return new ArrayList<>(found.keySet());
  }

  /** The references of {@code after} that resolve differently than in {@code before}. */
  static List<AddressChange> between(Stack a, Service before, Stack b, Service after) {
    List<AddressChange> out = new ArrayList<>();
    for (Reference r : references(after)) {
      Resolved was = resolve(a, before, r.service());
      Resolved now = resolve(b, after, r.service());
      if (!Objects.equals(was, now)) {
        out.add(new AddressChange(r.field(), r.service(), was.endpoint(), now.endpoint(), now.problem()));
      }
    }
    return out;
  }

  private record Resolved(String endpoint, String problem) {}

  private static Resolved resolve(Stack stack, Service consumer, String target) {
    try {
      Addresses.Endpoint e = Addresses.endpoint(stack, consumer, target);
      return new Resolved(e.port() == 0 ? e.host() : e.host() + ":" + e.port(), null);
    } catch (Addresses.UnresolvedReference u) {
      String message = u.getMessage();
      String prefix = "services." + consumer.name() + ": ";
      String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
      return new Resolved(null, u.hint() == null ? problem : problem + " (" + u.hint() + ")");
    }
  }

  private static void scan(String field, String value, Map<Reference, Boolean> found) {
    Matcher m = ServiceRef.PATTERN.matcher(value);
    while (m.find()) {
      found.put(new Reference(field, m.group(1)), Boolean.TRUE);
    }
  }
}
