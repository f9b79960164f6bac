package dev.stack.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class AgentLogTest {

  private static final Pattern LINE = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR|DEBUG|TRACE) \\[[^]]+\\] \\S+: .*");

  @TempDir Path dir;

  private final Logger log = LoggerFactory.getLogger("dev.stack.example.Thing");

  @AfterEach
  void closeLog() {
    AgentLog.close();
  }

  @Test
  void slf4jFindsThisProviderAndWritesNothingUntilAFileIsOpen() throws IOException {
    assertTrue(LoggerFactory.getILoggerFactory() instanceof AgentLoggers);
    assertFalse(log.isErrorEnabled());
    log.error("before the agent opened its log");

    Path file = dir.resolve("agent.log");
    AgentLog.open(file, null);
    log.info("hello {} and {}", "one", 2);

    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(LINE.matcher(line).matches(), line);
    assertTrue(line.endsWith(" INFO  [" + Thread.currentThread().getName() + "] Thing: hello one and 2"), line);
  }

  @Test
  void theLevelComesFromItsNameInAnyCaseAndDefaultsToInfo() throws IOException {
    Path file = dir.resolve("agent.log");
    AgentLog.open(file, "warn");
    log.info("not this");
    log.warn("this");
    assertFalse(log.isInfoEnabled());
    assertTrue(log.isWarnEnabled());

    AgentLog.open(file, "Debug");
    log.debug("and this");
    log.trace("not this either");

    AgentLog.open(file, "loud");
    assertTrue(log.isInfoEnabled());
    assertFalse(log.isDebugEnabled());

    AgentLog.open(file, "off");
    log.error("nor this");

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).endsWith("WARN  [" + Thread.currentThread().getName() + "] Thing: this"), lines.get(0));
    assertTrue(lines.get(1).contains(" DEBUG [") && lines.get(1).endsWith("Thing: and this"), lines.get(1));
  }

  @Test
  void aThrowableFollowsItsLineWithItsStackTrace() throws IOException {
    Path file = dir.resolve("agent.log");
    AgentLog.open(file, "INFO");
    log.error("could not {}", "start", new IllegalStateException("no socket"));

    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(0).endsWith("ERROR [" + Thread.currentThread().getName() + "] Thing: could not start"),
        lines.get(0));
    assertEquals("java.lang.IllegalStateException: no socket", lines.get(1));
    assertTrue(lines.get(2).startsWith("\tat dev.stack.agent.log.AgentLogTest."), lines.get(2));
  }

  @Test
  void theFileIsRotatedBySizeKeepingThreeOlderOnes() throws IOException {
    Path file = dir.resolve("agent.log");
    AgentLog.open(file, "INFO", 1000);
    for (int i = 0; i < 100; i++) {
      log.info("line {} {}", i, "x".repeat(60)); // about 120 bytes: 8 lines per file
    }

    assertTrue(Files.size(file) <= 1000);
    for (int i = 1; i <= AgentLog.KEEP; i++) {
      Path older = dir.resolve("agent.log." + i);
      assertTrue(Files.size(older) <= 1000 && Files.size(older) > 800, older + ": " + Files.size(older));
    }
    assertFalse(Files.exists(dir.resolve("agent.log.4")));
    // newest last: the current file ends with line 99, and .1 holds the lines just before it
    List<String> current = Files.readAllLines(file);
    assertTrue(current.get(current.size() - 1).contains("Thing: line 99 "), current.toString());
    int firstOfCurrent = number(current.get(0));
    List<String> previous = Files.readAllLines(dir.resolve("agent.log.1"));
    assertEquals(firstOfCurrent - 1, number(previous.get(previous.size() - 1)));
  }

  @Test
  void aFileOpenedAgainIsAppendedTo() throws IOException {
    Path file = dir.resolve("agent.log");
    Files.writeString(file, "an earlier agent's line\n");
    AgentLog.open(file, null);
    log.info("next");
    List<String> lines = Files.readAllLines(file);
    assertEquals("an earlier agent's line", lines.get(0));
    assertTrue(lines.get(1).endsWith("Thing: next"));
  }

  private static int number(String line) {
    String rest = line.substring(line.indexOf("Thing: line ") + "Thing: line ".length());
    return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
  }
}
