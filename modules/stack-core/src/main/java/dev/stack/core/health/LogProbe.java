package dev.stack.core.health;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Healthy once a log line of the instance's current run matches. The supervisor feeds it every
 * line ({@link #offer}); a restart makes a fresh probe.
 */
public final class LogProbe implements Probe {

  private final Pattern pattern;
  private volatile boolean matched;

  public LogProbe(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Looks at one line; cheap once matched. */
  public void offer(CharSequence line) {
    if (!matched && pattern.matcher(line).find()) {
      matched = true;
    }
  }

  @Override
  public ProbeResult check(long timeoutMillis) {
    return new ProbeResult(Instant.now(), matched,
        matched ? "log matched /" + pattern.pattern() + "/" : "no log line matched /" + pattern.pattern() + "/ yet");
  }
}
