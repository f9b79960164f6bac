package dev.stack.cli;

import static dev.stack.cli.CliRun.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** monit without a terminal (a test's JVM has none): an error, not a broken screen. */
class MonitCommandTest {

  @Test
  void withoutATerminalMonitSaysSoAndExitsTwo() {
    assertNull(System.console(), "the test runs without a terminal");
    CliRun run = stack("monit");
    assertEquals(2, run.code());
    assertEquals("error: stack monit needs a terminal: its standard input or output is not one\n"
        + "  hint: over ssh use 'ssh -t'; to watch without a terminal use 'stack ps --watch' or 'stack logs -f'\n",
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void helpNamesTheKeys() {
    CliRun run = stack("monit", "--help");
    assertEquals(0, run.code());
    assertTrue(run.out().contains("r restart it, s stop it, t start it"),
        run.out());
  }
}
