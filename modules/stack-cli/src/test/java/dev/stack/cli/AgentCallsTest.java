package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgentCallsTest {

  @Test
  void aProgressLinePadsTheInstanceTo16ColumnsThenTheStatusThenTheDetail() {
    assertEquals("web-1            online  pid 42", AgentCalls.progressLine("web-1", "online", "pid 42"));
    assertEquals("web-1            starting", AgentCalls.progressLine("web-1", "starting", null));
  }

  @Test
  void aLongInstanceNameIsKeptWholeWithOneSpaceBeforeTheStatus() {
    assertEquals("a-very-long-service-name-2 stopped  killed by TERM",
        AgentCalls.progressLine("a-very-long-service-name-2", "stopped", "killed by TERM"));
    assertEquals("exactly-16-chars stopping", AgentCalls.progressLine("exactly-16-chars", "stopping", null));
  }
}
