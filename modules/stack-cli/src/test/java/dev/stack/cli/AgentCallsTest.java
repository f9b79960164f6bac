package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.render.Ansi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCallsTest {

  @Test
  void aProgressLinePadsTheInstanceTo16ColumnsThenTheStatusThenTheDetail() {
    assertEquals("web-1            online  pid 42", AgentCalls.progressLine("web-1", "online", "pid 42"));
    assertEquals("web-1            starting", AgentCalls.progressLine("web-1", "starting", null));
  }

  @Test
  void theAgentsEventsArePrintedOnStandardErrorAsTheyCome() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Session session = new Session(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
        StandardCharsets.UTF_8), Map.of());
    var progress = new AgentCalls(session, new StackOptions()).progress(Ansi.OFF);
    progress.accept(Map.of("event", "profile", "profile", "dev", "source", "default"));
    progress.accept(Map.of("event", "note", "text", "stack shop runs from this file too"));
    progress.accept(Map.of("event", "progress", "instance", "web-1", "status", "online", "detail", "pid 42"));
    progress.accept(Map.of("event", "something-newer", "text", "ignored"));
    assertEquals("profile: dev (default)\nnote: stack shop runs from this file too\nweb-1            online  pid 42\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLongInstanceNameIsKeptWholeWithOneSpaceBeforeTheStatus() {
    assertEquals("a-very-long-service-name-2 stopped  killed by TERM",
        AgentCalls.progressLine("a-very-long-service-name-2", "stopped", "killed by TERM"));
    assertEquals("exactly-16-chars stopping", AgentCalls.progressLine("exactly-16-chars", "stopping", null));
  }
}
