package dev.stack.model;

/** What a dependent waits for before it starts (Compose's service_started / healthy / completed_successfully). */
public enum Condition {
  /** The dependency's process or container is running. */
  STARTED,
  /** The dependency's health probe passes (it must have one). */
  HEALTHY,
  /** The dependency ran to completion with exit code 0. */
  COMPLETED;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
