package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  // a real line from this kernel, with a command name holding a space and parentheses
  static final String LINE = "4242 (my (odd) name) S 4200 4242 4242 0 -1 4194560 150 0 0 0 "
      + "17 5 0 0 20 0 1 0 987654 9330688 812 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

  @Test
  void parsesTheFieldsAfterAnyCommandName() {
    ProcStat p = ProcStat.parse(LINE);
    assertEquals(new ProcStat(4242, 'S', 4200, 4242, 4242, 17, 5, 987654, 812), p);
    assertFalse(p.ended());
  }

  @Test
  void zombiesHaveEnded() {
    assertTrue(ProcStat.parse(LINE.replace(") S ", ") Z ")).ended());
  }

  @Test
  void readsThisJvmsOwnEntry() {
    ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
    assertEquals(ProcessHandle.current().pid(), self.pid());
    assertTrue(self.startTicks() > 0);
  }

  @Test
  void findsGroupMembersAndDescendantsThatLeftTheGroup() {
    ProcTable t = ProcTable.of(List.of(
        stat(10, 1, 10), // leader
        stat(11, 10, 10), // child
        stat(12, 11, 12), // grandchild that called setsid
        stat(13, 1, 10), // reparented, still in the group
        stat(14, 13, 14), // its child in a new session
        stat(20, 1, 20))); // unrelated
    Set<Integer> found = t.withDescendants(
        t.inGroup(10).stream().map(ProcStat::pid).collect(Collectors.toList())).stream()
        .map(ProcStat::pid).collect(Collectors.toSet());
    assertEquals(Set.of(10, 11, 12, 13, 14), found);
  }

  private static ProcStat stat(int pid, int ppid, int pgid) {
    return new ProcStat(pid, 'S', ppid, pgid, pgid, 0, 0, 100, 0);
  }
}
