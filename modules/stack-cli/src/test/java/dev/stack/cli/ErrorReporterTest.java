package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** How errors the agent reports reach the user. */
class ErrorReporterTest {

  private static String report(AgentCalls.AgentFailure failure, int expectedCode) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new ErrorReporter(new PrintStream(err, true), false).report(failure);
    assertEquals(expectedCode, code);
    return err.toString();
  }

  @Test
  void stackFileProblemsArePrintedAsTheyCameWithOrWithoutAPlace() {
    String placed = "stack.yaml:3:3: error: services.s: a docker service needs an image or a build\n"
        + "  hint: add image: NAME[:TAG], or build: ./folder-with-a-Dockerfile";
    assertEquals(placed + "\n", report(new AgentCalls.AgentFailure(placed, null, 2, null), 2));
    String placeless = "error: no such file: nope.yaml\n"
        + "  hint: run stack in the folder of your stack.yaml, or name it with -f FILE";
    assertEquals(placeless + "\n", report(new AgentCalls.AgentFailure(placeless, null, 2, null), 2));
  }

  @Test
  void otherAgentErrorsGetTheirPrefixAndHint() {
    assertEquals("error: the agent did not start within 5 s\n  hint: see agent.log\n",
        report(new AgentCalls.AgentFailure("the agent did not start within 5 s", "see agent.log", 1, null), 1));
  }
}
