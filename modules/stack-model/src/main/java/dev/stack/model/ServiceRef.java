package dev.stack.model;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service addresses in values: {@code ${svc.NAME.host}} and {@code ${svc.NAME.port}}. They stay
 * symbolic in the model; each backend resolves them (a native consumer sees 127.0.0.1 and the port
 * it can reach, a container sees the service's DNS name and its container port).
 */
public final class ServiceRef {

  /** Matches {@code ${svc.NAME.host}} and {@code ${svc.NAME.port}}; group 1 the service, group 2 the field. */
  public static final Pattern PATTERN = Pattern.compile("\\$\\{svc\\.([A-Za-z0-9][A-Za-z0-9_.-]*?)\\.(host|port)}");

  private ServiceRef() {}

  /** Replaces every reference with {@code resolver(service, field)}. */
  public static String resolve(String value, BiFunction<String, String, String> resolver) {
    Matcher m = PATTERN.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resolver.apply(m.group(1), m.group(2))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
