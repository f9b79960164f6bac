package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MonitDataTest {

  @Test
  void aLogLineCannotMoveTheCursorOrClearTheScreen() {
    String line = "\u001b[2J\u001b[H\u001b[31mred\u001b[0m\tdone\r\u0007\u001b";
    assertEquals("\u001b[31mred\u001b[0m    done", MonitData.screenSafe(line, true));
    assertEquals("red    done", MonitData.screenSafe(line, false));
  }
}
