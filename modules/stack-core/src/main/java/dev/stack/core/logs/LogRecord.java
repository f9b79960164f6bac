package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.time.Instant;

/**
 * One stored line, long lines joined again.
 *
 * @param time when it was read (ms precision)
 * @param service the service's name
 * @param instance the 1-based replica number
 * @param stream stdout or stderr
 * @param message the line without its newline (UTF-8 decoded; invalid bytes become U+FFFD)
 */
public record LogRecord(Instant time, String service, int instance, Stream stream, String message) {

  /** {@code api} for the first replica, {@code api-2} for others (as {@code InstanceId}). */
  public String displayName() {
    return instance == 1 ? service : service + "-" + instance;
  }
}
