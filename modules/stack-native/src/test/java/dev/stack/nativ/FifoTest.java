package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FifoTest {

  @Test
  void theHostsPipeLimitIsReadWhole() throws Exception {
    // what a shell sees; Files.readString gave "1" for "1048576" (a sysctl file answers only a read at offset 0)
    Process cat = new ProcessBuilder("cat", "/proc/sys/fs/pipe-max-size").start();
    int expected = Integer.parseInt(new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
    assertEquals(0, cat.waitFor());
    assertEquals(expected, Fifo.pipeMaxSize());
    assertEquals(Math.min(1 << 20, expected), Fifo.PIPE_SIZE);
  }

  @Test
  void enlargedPipesTakeAQuarterOfTheUsersSoftLimitAtMost() {
    assertEquals(16L << 20, Fifo.budget(16384)); // Linux's default soft limit: 64 MiB of pipes per user
    assertEquals(Long.MAX_VALUE, Fifo.budget(0)); // no soft limit
  }
}
