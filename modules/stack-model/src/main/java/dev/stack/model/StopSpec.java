package dev.stack.model;

import java.time.Duration;

/**
 * How a service is stopped: {@code signal} to every process of the service, then SIGKILL after
 * {@code timeout}.
 *
 * @param signal a signal name without the SIG prefix ({@code TERM}, {@code INT}, {@code QUIT}...)
 */
public record StopSpec(String signal, Duration timeout) {

  public static final StopSpec DEFAULT = new StopSpec("TERM", Duration.ofSeconds(10));

  public StopSpec {
    if (signal == null || signal.startsWith("SIG") || timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("stop needs a signal name without SIG and a timeout");
    }
  }
}
