package dev.stack.core.spi;

/**
 * Receives the lines of a run of whole lines ({@link LogSink#lines}) one at a time, for the few
 * places that need lines rather than the run: the default {@link LogSink#lines}, a log probe, the
 * lines an instance keeps in memory.
 */
@FunctionalInterface
public interface LineVisitor {

  /**
   * One line of {@code buf}, without its {@code '\n'}; the buffer is only valid during the call.
   *
   * @return false to stop at this line
   */
  boolean line(byte[] buf, int off, int len);

  /**
   * Hands each line of {@code buf[off .. off + len)} to {@code visitor}, in order, until it returns
   * false: each {@code '\n'} ends a line, and bytes after the last one (if any) are a last line.
   */
  static void eachLine(byte[] buf, int off, int len, LineVisitor visitor) {
    int end = off + len;
    for (int s = off; s < end; ) {
      int nl = s;
      while (nl < end && buf[nl] != '\n') {
        nl++;
      }
      if (!visitor.line(buf, s, nl - s)) {
        return;
      }
      s = nl + 1;
    }
  }
}
