package dev.stack.agent.supervisor;

import java.time.Instant;

/**
 * One end of a run, kept for {@code describe}.
 *
 * @param at when the exit was seen
 * @param exit how it ended ({@code exit 1}, {@code killed by KILL})
 * @param uptimeMillis how long the run lasted
 * @param decision what the supervisor did ({@code restart in 200ms}, {@code errored}, {@code completed})
 */
record RestartRecord(Instant at, String exit, long uptimeMillis, String decision) {}
