package dev.stack.core.spi;

import java.util.List;

/**
 * What a backend can honour, declared up front (Nomad's driver Capabilities) so that {@code diff}
 * and {@code up} can say what a backend cannot do instead of silently dropping it.
 *
 * @param filesystemIsolation the service gets its own root filesystem
 * @param networkIsolation the service gets its own network namespace; addresses are DNS names
 * @param resources whether limits (memory, cpus, pids) are enforced on this host, and why not
 * @param restartWithoutAgent instances are restarted even while the agent is down (Docker's policy)
 * @param growingBackoff restarts back off from {@code backoff} to {@code max_backoff} and end in {@code errored}
 * @param signals stop signals reach the service's processes
 * @param hardening capabilities, no-new-privileges, read-only root are applied
 * @param notes anything else a user should know, one line each
 */
public record Capabilities(boolean filesystemIsolation, boolean networkIsolation, Enforcement resources,
    boolean restartWithoutAgent, boolean growingBackoff, boolean signals, boolean hardening, List<String> notes) {

  public Capabilities {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /**
   * Whether resource limits are enforced here.
   *
   * @param enforced limits are enforced
   * @param how {@code cgroup v2}, {@code cgroup v1}, {@code docker}; or why not ({@code no cgroup delegation for uid 1000})
   */
  public record Enforcement(boolean enforced, String how) {}
}
