package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stack.cli.MonitKeys.Key;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class MonitKeysTest {

  /** Decodes what a terminal sends: the first character and whatever follows it. */
  private static Key keys(String sent) throws IOException {
    Deque<Integer> rest = new ArrayDeque<>();
    sent.substring(1).chars().forEach(rest::add);
    return MonitKeys.decode(sent.charAt(0), timeout -> rest.isEmpty() ? -2 : rest.removeFirst());
  }

  @Test
  void lettersArrowsAndControlKeys() throws IOException {
    assertEquals(Key.UP, keys("k"));
    assertEquals(Key.DOWN, keys("j"));
    assertEquals(Key.UP, keys("\u001b[A"));
    assertEquals(Key.DOWN, keys("\u001bOB"));
    assertEquals(Key.RESTART, keys("r"));
    assertEquals(Key.STOP, keys("s"));
    assertEquals(Key.START, keys("t"));
    assertEquals(Key.QUIT, keys("q"));
    assertEquals(Key.QUIT, keys("\u0003"));
    assertEquals(Key.REDRAW, keys("\u000c"));
  }

  @Test
  void aLoneEscapeOtherSequencesAndOtherKeysMeanNothing() throws IOException {
    assertNull(keys("\u001b"));
    assertNull(keys("\u001b[C"));
    assertNull(keys("x"));
  }
}
