package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentLinesTest {

  private static void run(RecentLines recent, String text) {
    byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8); // offsets must be honoured
    recent.addLines(b, 2, b.length - 4);
  }

  @Test
  void aRunKeepsItsLastLinesInOrderAfterEarlierOnes() {
    RecentLines recent = new RecentLines();
    recent.add("single".getBytes(StandardCharsets.UTF_8), 0, 6);
    run(recent, "a\n\nb\n");
    assertEquals(List.of("single", "a", "", "b"), recent.snapshot());
  }

  @Test
  void aRunOfManyLinesLeavesOnlyTheLastKeep() {
    RecentLines recent = new RecentLines();
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      text.append("line ").append(i).append('\n');
      if (i >= 1000 - RecentLines.KEEP) {
        expected.add("line " + i);
      }
    }
    run(recent, text.toString());
    assertEquals(expected, recent.snapshot());
  }

  @Test
  void aRunOfExactlyKeepLinesKeepsTheFirstToo() {
    RecentLines recent = new RecentLines();
    run(recent, "first\n" + "x\n".repeat(RecentLines.KEEP - 1));
    assertEquals("first", recent.snapshot().get(0));
    assertEquals(RecentLines.KEEP, recent.snapshot().size());
  }
}
