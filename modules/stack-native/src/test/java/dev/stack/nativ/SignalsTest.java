package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalsTest {

  @Test
  void namesAndNumbers() {
    assertEquals(15, Signals.number("TERM"));
    assertEquals(15, Signals.number("SIGTERM"));
    assertEquals(2, Signals.number("int"));
    assertEquals(9, Signals.number("KILL"));
    assertEquals(3, Signals.number("QUIT"));
    assertEquals(1, Signals.number("HUP"));
    assertEquals(10, Signals.number("USR1"));
    assertEquals(12, Signals.number("USR2"));
    assertEquals(28, Signals.number("WINCH"));
    assertEquals(15, Signals.number("15"));
    assertEquals("KILL", Signals.name(9));
    assertEquals("WINCH", Signals.name(28));
  }

  @Test
  void unknownSignalIsRefusedNamingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.number("TERMINATE"));
    assertEquals(true, e.getMessage().startsWith("unknown signal \"TERMINATE\"; known: "));
    assertEquals(true, e.getMessage().contains("TERM, "));
  }

  @Test
  void jdkExitValuesAboveOneTwentyEightAreSignals() {
    assertEquals(Optional.of("KILL"), Signals.fromExitValue(137));
    assertEquals(Optional.of("TERM"), Signals.fromExitValue(143));
    assertEquals(Optional.empty(), Signals.fromExitValue(3));
    assertEquals(Optional.empty(), Signals.fromExitValue(128));
    assertEquals(Optional.empty(), Signals.fromExitValue(255));
  }
}
