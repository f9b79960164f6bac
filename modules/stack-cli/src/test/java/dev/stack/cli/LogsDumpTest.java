package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.logs.LogStore;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stack logs` without -f: a whole history, as written, and an early end when its reader goes away. */
class LogsDumpTest {

  private static final int LINES = 50_000;

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void history() throws IOException {
    file = dir.resolve("stack.yaml");
    Files.writeString(file, "name: dump\nservices:\n  y1: {command: [/bin/true]}\n");
    try (LogStore store = new LogStore(dir.resolve("home/logs"))) {
      InstanceId id = new InstanceId("dump", "y1", 1);
      Instant t = Instant.parse("2026-11-26T10:00:00Z");
      StringBuilder run = new StringBuilder();
      for (int i = 1; i <= LINES; i++) {
        run.append("line ").append(i).append(" é\n");
        if (i % 1000 == 0) {
          byte[] b = run.toString().getBytes(StandardCharsets.UTF_8);
          store.lines(id, LogSink.Stream.OUT, t.plusMillis(i), b, 0, b.length);
          run.setLength(0);
        }
      }
      store.flush();
    }
  }

  private int logs(OutputStream sink) {
    PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Main.run(out, err, Map.of("STACK_HOME", dir.resolve("home").toString()),
        "-f", file.toString(), "logs", "--no-prefix");
  }

  @Test
  void aDumpPrintsEveryLineInOrder() {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    assertEquals(0, logs(got));
    List<String> lines = got.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(LINES, lines.size());
    assertEquals("line 1 é", lines.get(0));
    assertEquals("line " + LINES + " é", lines.get(LINES - 1));
  }

  @Test
  void aDumpEndsSoonAfterItsReaderWentAway() {
    // a reader that takes 64 KiB and then is gone, as `stack logs | head` leaves it
    long[] offered = new long[1];
    OutputStream closing = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        offered[0] += len;
        if (offered[0] > 64 * 1024) {
          throw new IOException("Broken pipe");
        }
      }
    };
    assertEquals(0, logs(closing), "as before: a reader that stops is no failure of stack");
    long whole = (long) LINES * "line 50000 é\n".getBytes(StandardCharsets.UTF_8).length;
    assertTrue(offered[0] < whole / 2, "stopped writing early: " + offered[0] + " of about " + whole + " bytes");
  }
}
