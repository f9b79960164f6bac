package dev.stack.core.diff;

/**
 * How one service address a service uses ({@code ${svc.db.host}}, {@code ${svc.db.port}}) resolves
 * before and after: {@code DB_URL reaches db at 127.0.0.1:5432 => db:5432}.
 *
 * @param field where the reference is: {@code env.DB_URL}, {@code command}
 * @param service the service it names
 * @param before {@code host:port} on the old side, or null when it does not resolve there
 * @param after {@code host:port} on the new side, or null when it does not resolve there
 * @param problem why the new side does not resolve, or null
 */
public record AddressChange(String field, String service, String before, String after, String problem) {

  /** {@code env.DB_URL reaches db at 127.0.0.1:5432 => db:5432}. */
  public String display() {
    String to = after != null ? after : "unreachable: " + problem;
    return field + " reaches " + service + " at " + (before == null ? "(unresolved)" : before) + " => " + to;
  }
}
