package dev.stack.core.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of one instance from its oldest file to its newest, read a chunk at a time; files
 * that end before the query's {@code since} are skipped without being read.
 */
final class ForwardSource implements Iterator<LogRecord>, Closeable {

  private static final int CHUNK = 256 * 1024;

  private final LogFiles.Instance instance;
  private final long currentLimit;
  private final long since;
  private final ArrayDeque<LogRecord> ready = new ArrayDeque<>();
  private final RecordFilter filter;
  private int nextFile;
  private FileChannel channel;
  private LineCursor cursor;
  private RecordParser parser;

  ForwardSource(LogFiles.Instance instance, long currentLimit, LogQuery query) {
    this.instance = instance;
    this.currentLimit = currentLimit;
    this.since = query.since() == null ? Long.MIN_VALUE : query.since().toEpochMilli();
    this.filter = new RecordFilter(query, instance.service(), instance.index(), ready::add);
  }

  @Override
  public boolean hasNext() {
    try {
      while (ready.isEmpty()) {
        if (!step()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public LogRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Reads one more chunk, or opens the next file; false at the end. */
  private boolean step() throws IOException {
    if (cursor == null) {
      return openNext();
    }
    if (!cursor.advance(parser)) {
      parser.finish();
      close();
    }
    return true;
  }

  private boolean openNext() throws IOException {
    while (nextFile < instance.files().size()) {
      boolean current = nextFile == instance.files().size() - 1;
      try {
        channel = FileChannel.open(instance.files().get(nextFile++), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        continue;
      }
      long end = current ? Math.min(currentLimit, channel.size()) : channel.size();
      if (since != Long.MIN_VALUE && TailReader.lastHeaderMillis(channel, end) < since - TailReader.SKEW_MILLIS) {
        close();
        continue;
      }
      cursor = new LineCursor(channel, 0, end, CHUNK);
      parser = new RecordParser(filter);
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    cursor = null;
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
