package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code stack logs} asks for.
 *
 * @param stack the stack's name
 * @param services the services to read; empty means all
 * @param tailPerService the last N records of each service (after the other filters); -1 for all
 * @param since only records at or after this time; null for no bound
 * @param until only records before this time; null for no bound
 * @param grep only records whose message contains a match; null for all
 * @param streams the streams to read; empty means both
 */
public record LogQuery(String stack, Set<String> services, int tailPerService, Instant since, Instant until,
    Pattern grep, Set<Stream> streams) {

  public LogQuery {
    if (stack == null) {
      throw new IllegalArgumentException("a log query needs a stack");
    }
    if (tailPerService < -1) {
      throw new IllegalArgumentException("tail must be -1 (all) or at least 0, got " + tailPerService);
    }
    services = services == null ? Set.of() : Set.copyOf(services);
    streams = streams == null || streams.isEmpty() ? Set.copyOf(EnumSet.allOf(Stream.class)) : Set.copyOf(streams);
  }

  /** Everything stored for the stack. */
  public static LogQuery all(String stack) {
    return new LogQuery(stack, Set.of(), -1, null, null, null, Set.of());
  }

  /** This query for the named services only (empty: all). */
  public LogQuery services(Set<String> services) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** This query for the last N records of each service (-1: all). */
  public LogQuery tail(int tailPerService) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** This query from a time on (null: from the start). */
  public LogQuery since(Instant since) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** This query up to (not including) a time (null: no end). */
  public LogQuery until(Instant until) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** This query for messages with a match of the pattern (null: all). */
  public LogQuery grep(Pattern grep) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** This query for the given streams (empty: both). */
  public LogQuery streams(Set<Stream> streams) {
    return new LogQuery(stack, services, tailPerService, since, until, grep, streams);
  }

  /** True when the service is asked for. */
  boolean wants(String service) {
    return services.isEmpty() || services.contains(service);
  }
}
