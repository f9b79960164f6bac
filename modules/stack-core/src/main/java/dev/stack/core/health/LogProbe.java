package dev.stack.core.health;

import dev.stack.core.spi.LineVisitor;
import java.nio.charset.StandardCharsets;
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
    this(pattern, false);
  }

  /**
   * A probe that may have matched already: a run adopted by a new agent whose line was seen by
   * the agent before it (the line will not come again).
   */
  public LogProbe(Pattern pattern, boolean matched) {
    this.pattern = pattern;
    this.matched = matched;
  }

  /** Whether a line of the run matched. */
  public boolean matched() {
    return matched;
  }

  /** Looks at one line; cheap once matched. */
  public void offer(CharSequence line) {
    if (!matched && pattern.matcher(line).find()) {
      matched = true;
    }
  }

  /** Looks at each line of a run of whole lines ({@code '\n'} after each), until one matched. */
  public void offerLines(byte[] buf, int off, int len) {
    LineVisitor.eachLine(buf, off, len, (b, o, n) -> {
      offer(new String(b, o, n, StandardCharsets.UTF_8));
      return !matched;
    });
  }

  @Override
  public ProbeResult check(long timeoutMillis) {
    return new ProbeResult(Instant.now(), matched,
        matched ? "log matched /" + pattern.pattern() + "/" : "no log line matched /" + pattern.pattern() + "/ yet");
  }
}
