package dev.stack.model;

import java.time.Duration;
import java.util.List;

/**
 * A health probe, run by stack itself (from the host) the same way on every backend, so an image
 * without curl still has one.
 *
 * @param kind which probe
 * @param target for HTTP the path ({@code /health}); for LOG the regular expression a log line must match;
 *     null otherwise
 * @param port for HTTP and TCP the port probed (the service's container port), else 0
 * @param exec for EXEC the argv run (in the service's environment; inside the container on docker), else empty
 * @param interval time between probes
 * @param timeout time one probe may take
 * @param retries consecutive failures before the service is unhealthy
 * @param startPeriod failures during this time after start do not count
 */
public record Health(Kind kind, String target, int port, List<String> exec,
    Duration interval, Duration timeout, int retries, Duration startPeriod) {

  /** Probe kinds. */
  public enum Kind { HTTP, TCP, EXEC, LOG }

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_RETRIES = 3;

  public Health {
    exec = exec == null ? List.of() : List.copyOf(exec);
    if (kind == null || interval == null || timeout == null || startPeriod == null) {
      throw new IllegalArgumentException("health needs kind, interval, timeout and start_period");
    }
    if (retries < 1) {
      throw new IllegalArgumentException("retries must be at least 1");
    }
  }
}
