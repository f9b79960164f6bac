package dev.stack.agent.supervisor;

import dev.stack.core.spi.LineVisitor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last few lines an instance printed, kept in memory so that a failed {@code up} can show them
 * without reading the log files. Lines are cut at {@link #MAX_LINE} characters.
 */
final class RecentLines {

  static final int KEEP = 20;
  static final int MAX_LINE = 500;

  private final Deque<String> lines = new ArrayDeque<>(KEEP);

  synchronized void add(byte[] buf, int off, int len) {
    keep(buf, off, len);
  }

  /**
   * Takes a run of whole lines, each ending in {@code '\n'}: only its last {@link #KEEP} lines
   * can stay, so only those are looked at (from the end) and made strings.
   */
  synchronized void addLines(byte[] buf, int off, int len) {
    int end = off + len;
    if (len > 0 && buf[end - 1] == '\n') {
      end--;
    }
    int first = end;
    for (int n = 0; n < KEEP && first > off; n++) {
      first--; // onto the '\n' before the line that ends at first
      while (first > off && buf[first - 1] != '\n') {
        first--;
      }
    }
    LineVisitor.eachLine(buf, first, off + len - first, (b, o, n) -> {
      keep(b, o, n);
      return true;
    });
  }

  private void keep(byte[] buf, int off, int len) {
    String s = new String(buf, off, Math.min(len, MAX_LINE * 4), StandardCharsets.UTF_8);
    if (s.length() > MAX_LINE) {
      s = s.substring(0, MAX_LINE) + "…";
    }
    if (lines.size() == KEEP) {
      lines.removeFirst();
    }
    lines.addLast(s);
  }

  synchronized List<String> snapshot() {
    return new ArrayList<>(lines);
  }

  synchronized void clear() {
    lines.clear();
  }
}
