package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  private static int columns(Map<String, String> env) {
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    return Terminal.columns(new Session(none, none, env));
  }

  @Test
  void tablesFitTheGivenWidthAndAreNotCutWithoutATerminal() {
    assertEquals(132, columns(Map.of("COLUMNS", "132")));
    assertEquals(Integer.MAX_VALUE, columns(Map.of()), "tests run without a terminal: whole lines");
    assertEquals(Integer.MAX_VALUE, columns(Map.of("COLUMNS", "wide")), "as if unset");
  }
}
