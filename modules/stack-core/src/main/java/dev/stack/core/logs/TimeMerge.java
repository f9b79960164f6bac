package dev.stack.core.logs;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A k-way merge of record sources, each in time order, into one in time order. Equal times keep
 * the order of the sources (so an instance's own order is never changed).
 */
final class TimeMerge implements Iterator<LogRecord> {

  private record Head(LogRecord record, int source, Iterator<LogRecord> rest) {}

  private static final Comparator<Head> ORDER =
      Comparator.comparing((Head h) -> h.record().time()).thenComparingInt(Head::source);

  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);

  TimeMerge(List<? extends Iterator<LogRecord>> sources) {
    for (int i = 0; i < sources.size(); i++) {
      Iterator<LogRecord> s = sources.get(i);
      if (s.hasNext()) {
        heads.add(new Head(s.next(), i, s));
      }
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public LogRecord next() {
    Head h = heads.poll();
    if (h == null) {
      throw new NoSuchElementException();
    }
    if (h.rest().hasNext()) {
      heads.add(new Head(h.rest().next(), h.source(), h.rest()));
    }
    return h.record();
  }
}
