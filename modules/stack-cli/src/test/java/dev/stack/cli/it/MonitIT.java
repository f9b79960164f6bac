package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code stack monit} on a real pseudo-terminal (tmux): what it shows, its keys, how it ends. */
class MonitIT extends LiveStackTest {

  private static final String TWO_SERVICES = """
      name: monit-it
      services:
        talker:
          command: [sh, -c, 'i=0; while true; do i=$$((i+1)); echo "talker says $$i"; sleep 1; done']
        sleeper:
          command: [sleep, "1000"]
      """;

  /**
   * monit of this test's stack (stack.yaml of the folder it runs in) in a 100x30 terminal with
   * UTF-8; when it ends, the shell prints its exit code on the terminal and waits for Enter, so the
   * terminal can be looked at as monit left it.
   */
  private Tmux monit() {
    String command = "cd '" + stack.stackFile().getParent() + "' && env STACK_HOME='" + stack.home()
        + "' LANG=C.UTF-8 java -jar '" + StackCli.JAR + "' monit; echo \"exit=$?\"; read line";
    return new Tmux(command, 100, 30);
  }

  /** monit ended with exit code 0 and left the terminal as it found it: main screen, cursor shown. */
  private static void assertQuitCleanly(Tmux tmux) {
    String[] screen = new String[1];
    patiently().alias("monit ended").until(() -> (screen[0] = tmux.screen()).contains("exit="));
    assertTrue(Pattern.compile("(?m)^exit=0$").matcher(screen[0]).find(), screen[0]);
    assertEquals("0 1", tmux.format("#{alternate_on} #{cursor_flag}"), "main screen, cursor visible");
    assertFalse(tmux.screen().contains("stack monit"), tmux.screen());
    tmux.send("Enter");
    // (tmux 3.3a leaves #{pane_dead_status} empty at times, so the exit code is the one printed)
    patiently().alias("the pane's command ended").until(() -> tmux.format("#{pane_dead}").equals("1"));
  }

  @Test
  void showsTheServicesTheirFiguresAndLogsAndRestartsTheSelectedServiceWithR() throws Exception {
    stackFile(TWO_SERVICES);
    stack.ok("up");
    try (Tmux tmux = monit()) {
      patiently().alias("the dashboard").until(() -> {
        String s = tmux.screen();
        return s.contains("stack monit · monit-it · profile dev · 2 services")
            && Pattern.compile("(?m)^> talker +native +\\d+ +online ").matcher(s).find()
            && Pattern.compile("(?m)^  sleeper +native +\\d+ +online ").matcher(s).find()
            && s.contains("── talker ── cpu ") && s.contains("talker | talker says ")
            && s.contains("↑/↓ j/k select   r restart   s stop   t start   q quit");
      });

      tmux.send("Down");
      patiently().alias("sleeper selected").until(() -> {
        String s = tmux.screen();
        return s.contains("> sleeper ") && s.contains("── sleeper ── cpu ") && s.contains("(no log lines yet)");
      });

      long before = pid(stack.instance("sleeper"));
      tmux.send("r");
      JsonNode row = awaitRow("sleeper", r -> pid(r) > 0 && pid(r) != before && r.path("status").asText().equals("online"));
      assertNotEquals(before, pid(row));
      Pattern restarted = Pattern.compile("(?m)^> sleeper +native +" + pid(row) + " +online ");
      patiently().alias("the restart on screen").until(() -> {
        String s = tmux.screen();
        return restarted.matcher(s).find() && s.contains("\nsleeper restarted\n");
      });

      tmux.send("q");
      assertQuitCleanly(tmux);
      assertTrue(stack.instance("talker").path("status").asText().equals("online"), "quitting stops nothing");
    }
  }

  @Test
  void aStackThatIsNotRunningIsSaidOnScreenAndCtrlCQuits() throws Exception {
    stackFile(TWO_SERVICES);
    try (Tmux tmux = monit()) {
      patiently().alias("not running on screen").until(() ->
          tmux.screen().contains("the stack of stack.yaml is not running (start it with 'stack up')"));
      tmux.send("r");
      patiently().alias("nothing to restart").until(() -> tmux.screen().contains("error: no service to restart"));
      tmux.send("C-c");
      assertQuitCleanly(tmux);
    }
  }

  @Test
  void otherCommandsDoNotLoadTheTerminalLibrary() throws Exception {
    stackFile(TWO_SERVICES);
    Process p = new ProcessBuilder("java", "-verbose:class", "-jar", StackCli.JAR.toString(), "-f",
        stack.stackFile().toString(), "validate").redirectErrorStream(true).start();
    String classes = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), classes);
    assertTrue(classes.contains("dev.stack.cli.MonitCommand"), "picocli saw the command");
    assertFalse(classes.contains("org.jline"), "JLine loaded by validate");
    assertFalse(classes.contains("dev.stack.cli.MonitLoop"), "MonitLoop loaded by validate");
  }

  @Test
  void withoutATerminalItSaysSoAndExitsTwo() throws Exception {
    stackFile(TWO_SERVICES);
    StackCli.Result r = stack.run("monit"); // standard input and output are files here
    assertEquals(2, r.code(), r.toString());
    assertEquals("error: stack monit needs a terminal: its standard input or output is not one\n"
        + "  hint: over ssh use 'ssh -t'; to watch without a terminal use 'stack ps --watch' or 'stack logs -f'\n",
        r.err());
  }
}
