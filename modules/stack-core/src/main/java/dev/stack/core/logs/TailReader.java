package dev.stack.core.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads an instance's log from the end: windows that grow backwards from the end of the newest
 * file, each starting at a header written while no long line was open (so it parses on its own),
 * through rotated files only as far as needed. {@code tail -n 100} of a 1 GB history reads a few
 * windows, not the file.
 */
final class TailReader {

  static final int FIRST_WINDOW = 64 * 1024;
  private static final int MAX_WINDOW = 8 * 1024 * 1024;
  /** Records of one file are in time order up to the skew between an instance's two streams. */
  static final long SKEW_MILLIS = 1000;

  private TailReader() {}

  /**
   * The last {@code n} records of the instance that pass the query's filters, oldest first.
   *
   * @param currentLimit where to stop reading the current (newest) file
   */
  static List<LogRecord> tail(LogFiles.Instance instance, long currentLimit, LogQuery query, int n)
      throws IOException {
    Deque<List<LogRecord>> parts = new ArrayDeque<>();
    int count = 0;
    long since = query.since() == null ? Long.MIN_VALUE : query.since().toEpochMilli();
    List<Path> files = instance.files();
    boolean older = true;
    for (int i = files.size() - 1; i >= 0 && count < n && older; i--) {
      try (FileChannel ch = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
        long end = i == files.size() - 1 ? Math.min(currentLimit, ch.size()) : ch.size();
        long window = FIRST_WINDOW;
        while (end > 0 && count < n) {
          long start = Math.max(0, end - window);
          long from = start == 0 ? 0 : syncPoint(ch, start, end);
          window = Math.min(window * 2, MAX_WINDOW);
          if (from < 0) {
            window = Math.max(window, (end - start) * 2); // a long line: look further back
            continue;
          }
          List<LogRecord> part = new ArrayList<>();
          RecordParser parser = new RecordParser(new RecordFilter(query, instance.service(), instance.index(), part::add));
          new LineCursor(ch, from, end, FIRST_WINDOW).readAll(parser);
          parser.finish();
          parts.addFirst(part);
          count += part.size();
          end = from;
          if (since != Long.MIN_VALUE && parser.lowestHeader() < since - SKEW_MILLIS) {
            older = false; // everything before this is older than asked for
            break;
          }
        }
      } catch (NoSuchFileException e) {
        // rotated away or purged meanwhile: nothing there
      }
    }
    List<LogRecord> all = new ArrayList<>(count);
    parts.forEach(all::addAll);
    return all.subList(Math.max(0, all.size() - n), all.size());
  }

  /** The time of the last header before {@code end}, or {@link Long#MIN_VALUE} when it has none. */
  static long lastHeaderMillis(FileChannel ch, long end) throws IOException {
    long window = FIRST_WINDOW;
    while (end > 0) {
      long start = Math.max(0, end - window);
      long from = start == 0 ? 0 : syncPoint(ch, start, end);
      if (from >= 0) {
        RecordParser parser = new RecordParser((millis, stream, b, off, len) -> { });
        new LineCursor(ch, from, end, FIRST_WINDOW).readAll(parser);
        return parser.highestHeader();
      }
      window *= 2;
    }
    return Long.MIN_VALUE;
  }

  /**
   * The offset of the first line in {@code [start, end)} that is a header written while no long
   * line was open, or -1. The line that {@code start} falls into is not considered.
   */
  static long syncPoint(FileChannel ch, long start, long end) throws IOException {
    long[] found = {-1};
    LineCursor cursor = new LineCursor(ch, start - 1, end, FIRST_WINDOW);
    boolean[] first = {true};
    LineCursor.Lines lines = (b, off, len, at) -> {
      if (first[0]) {
        first[0] = false; // the end of the line before start (empty when start begins a line)
      } else if (found[0] < 0 && LogFormat.isHeader(b, off, len) && !LogFormat.isOpenHeader(len)) {
        found[0] = at;
      }
    };
    while (found[0] < 0 && cursor.advance(lines)) {
      // until found
    }
    return found[0];
  }
}
