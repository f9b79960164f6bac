package dev.stack.core.health;

import java.time.Instant;

/**
 * One probe's outcome.
 *
 * @param at when it ended
 * @param ok passed
 * @param detail a short reason users can read ({@code HTTP 503}, {@code connection refused}, {@code exit 1})
 */
public record ProbeResult(Instant at, boolean ok, String detail) {}
