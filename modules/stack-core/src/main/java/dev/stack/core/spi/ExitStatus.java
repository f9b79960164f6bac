package dev.stack.core.spi;

import java.time.Instant;

/**
 * How an instance ended.
 *
 * @param code the exit code, or null when unknown (a re-adopted process is not our child: its
 *     exit code cannot be read; we say so rather than invent one)
 * @param signal the signal that killed it ({@code KILL}), or null
 * @param at when the end was seen
 * @param reason a short human reason when stack caused or saw something special
 *     ({@code "memory limit 256m exceeded"}, {@code "re-adopted process"}), or null
 */
public record ExitStatus(Integer code, String signal, Instant at, String reason) {

  public boolean success() {
    return code != null && code == 0 && signal == null;
  }

  /** {@code exit 0}, {@code exit 3}, {@code killed by KILL}, {@code exit unknown}. */
  public String describe() {
    String s = signal != null ? "killed by " + signal : code != null ? "exit " + code : "exit unknown";
    return reason == null ? s : s + " (" + reason + ")";
  }
}
