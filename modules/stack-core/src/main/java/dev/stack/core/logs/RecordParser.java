package dev.stack.core.logs;

import dev.stack.core.spi.LogSink.Stream;
import java.util.Arrays;

/**
 * Turns the lines of a log file into records: gives each data line the time and stream of the
 * header before it and joins the pieces of long lines (see {@link LogFormat}).
 */
final class RecordParser implements LineCursor.Lines {

  /** Receives a record; the bytes are only valid during the call. */
  interface Records {
    void record(long millis, Stream stream, byte[] b, int off, int len);
  }

  private final Records records;
  private final OpenLine[] open = new OpenLine[Stream.values().length];
  private boolean haveHeader;
  private long millis;
  private Stream stream;
  private long lowestHeader = Long.MAX_VALUE;
  private long highestHeader = Long.MIN_VALUE;

  RecordParser(Records records) {
    this.records = records;
  }

  @Override
  public void line(byte[] b, int off, int len, long fileOffset) {
    if (len > 0 && b[off] == LogFormat.MARK) {
      if (len > 1 && b[off + 1] == LogFormat.MARK) {
        data(b, off + 1, len - 1);
      } else if (len > 1 && b[off + 1] == LogFormat.PIECE) {
        piece(b, off + 2, len - 2);
      } else if (LogFormat.isHeader(b, off, len)) {
        header(b, off, len);
      }
      // else: a header torn by a crash; what follows it belongs to the next header
      return;
    }
    data(b, off, len);
  }

  /** Ends the input: long lines still open are delivered as they are (their writer is gone). */
  void finish() {
    for (Stream s : Stream.values()) {
      OpenLine line = open[s.ordinal()];
      if (line != null) {
        open[s.ordinal()] = null;
        records.record(line.millis, s, line.bytes, 0, line.len);
      }
    }
  }

  /** The earliest header time seen, {@link Long#MAX_VALUE} before any. */
  long lowestHeader() {
    return lowestHeader;
  }

  /** The latest header time seen, {@link Long#MIN_VALUE} before any. */
  long highestHeader() {
    return highestHeader;
  }

  private void header(byte[] b, int off, int len) {
    long t = LogFormat.headerMillis(b, off);
    if (t == Long.MIN_VALUE) {
      return;
    }
    if (!LogFormat.isOpenHeader(len)) {
      finish(); // no long line was open when this was written: any left belongs to a dead writer
    }
    haveHeader = true;
    millis = t;
    stream = LogFormat.headerStream(b, off);
    lowestHeader = Math.min(lowestHeader, t);
    highestHeader = Math.max(highestHeader, t);
  }

  private void data(byte[] b, int off, int len) {
    if (!haveHeader) {
      return;
    }
    OpenLine line = open[stream.ordinal()];
    if (line == null) {
      records.record(millis, stream, b, off, len);
    } else {
      open[stream.ordinal()] = null;
      line.append(b, off, len);
      records.record(line.millis, stream, line.bytes, 0, line.len);
    }
  }

  private void piece(byte[] b, int off, int len) {
    if (!haveHeader) {
      return;
    }
    OpenLine line = open[stream.ordinal()];
    if (line == null) {
      line = new OpenLine(millis);
      open[stream.ordinal()] = line;
    }
    line.append(b, off, len);
  }

  /** A long line being joined; its time is the time of its first piece. */
  private static final class OpenLine {
    final long millis;
    byte[] bytes = new byte[0];
    int len;

    OpenLine(long millis) {
      this.millis = millis;
    }

    void append(byte[] b, int off, int n) {
      if (len + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(len + n, bytes.length * 2));
      }
      System.arraycopy(b, off, bytes, len, n);
      len += n;
    }
  }
}
