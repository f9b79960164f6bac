package dev.stack.core.health;

/** A health check stack runs itself, from the host, the same way on every backend. */
public interface Probe {

  /** Runs one check within {@code timeoutMillis}; never throws. */
  ProbeResult check(long timeoutMillis);
}
