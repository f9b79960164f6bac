package dev.stack.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.ByteSize;
import dev.stack.model.LogSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLogTest {

  @TempDir
  Path root;

  @Test
  void theFlusherLeavesABusyBufferToItsHandOffsAndWritesItOutOnceQuiet() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Path file = root.resolve("api-1.log");
    try (LogWriter writer = new LogWriter()) {
      InstanceLog log = new InstanceLog(file, new LogSpec(new ByteSize(1L << 30), 1), asked::incrementAndGet, writer);
      StringBuilder busy = new StringBuilder();
      for (int i = 0; busy.length() <= InstanceLog.BUFFER_SIZE; i++) {
        busy.append("busy line ").append(i).append('\n');
      }
      byte[] run = busy.toString().getBytes(StandardCharsets.UTF_8);
      log.lines(Stream.OUT, 1000, run, 0, run.length); // fills the first buffer: one hand-off
      byte[] last = "the last line".getBytes(StandardCharsets.UTF_8);
      log.line(Stream.OUT, 1000, last, 0, last.length, false);
      assertEquals(HandOffQueue.BUSY_BUFFER_SIZE, log.bufferCapacity(), "a busy instance fills bigger buffers");
      assertEquals(1, asked.get());

      log.flushIfQuiet(); // busy since the flusher last looked: left to its hand-offs, asked again
      assertEquals(2, asked.get());
      assertFalse(Files.exists(file) && Files.readString(file).contains("the last line"), "not written out while busy");
      log.flush(); // waits for what the writer thread has in hand (an explicit flush writes all)
      String all = Files.readString(file);
      assertTrue(all.endsWith("the last line\n"), all.substring(Math.max(0, all.length() - 40)));
      assertEquals(InstanceLog.BUFFER_SIZE, log.bufferCapacity(), "quiet again: one small buffer");

      log.lines(Stream.OUT, 2000, run, 0, run.length);
      log.line(Stream.OUT, 2000, last, 0, last.length, false);
      log.flushIfQuiet(); // busy: what the buffer holds stays there
      assertFalse(Files.readString(file).substring(all.length()).contains("the last line"));
      log.flushIfQuiet(); // nothing handed off since: quiet, written out
      String again = Files.readString(file);
      assertTrue(again.length() > all.length() + run.length && again.endsWith("the last line\n"));
      assertFalse(again.substring(all.length()).contains("the last line\nbusy"), "in order");
      assertEquals(InstanceLog.BUFFER_SIZE, log.bufferCapacity());
      log.close();
    }
  }
}
