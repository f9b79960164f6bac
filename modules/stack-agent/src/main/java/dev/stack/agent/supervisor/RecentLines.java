package dev.stack.agent.supervisor;

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
