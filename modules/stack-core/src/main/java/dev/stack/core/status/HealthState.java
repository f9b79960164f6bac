package dev.stack.core.status;

import java.util.Locale;

/** The result of a service's health probe over time. */
public enum HealthState {
  /** The service has no probe. */
  NONE,
  /** Within the start period, or no probe has passed yet. */
  STARTING,
  /** The last probe passed. */
  HEALTHY,
  /** {@code retries} probes in a row failed. */
  UNHEALTHY;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
