package dev.stack.cli;

import dev.stack.cli.MonitKeys.Key;
import dev.stack.core.render.Ansi;
import dev.stack.cli.render.MetricHistory;
import dev.stack.cli.render.MonitScreen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen loop of {@code stack monit} on the user's terminal (JLine): the alternate
 * screen in raw mode, a redraw every second and on a key or a resize, only the lines that changed
 * written (so it stays light over ssh). One thread reads keys, actions run on their own thread,
 * and both post events to the drawing thread. The terminal is restored however the loop ends.
 * Only this class touches JLine, so no other command loads it.
 */
final class MonitLoop {

  /** How often the figures are sampled and the screen redrawn. */
  static final long REFRESH_MILLIS = 1000;

  /** Something for the drawing thread: a key, a resize, an action's progress or its end. */
  private record Event(Key key, boolean resize, String status, boolean done) {
    static Event of(Key key) {
      return new Event(key, false, null, false);
    }

    static Event status(String text, boolean done) {
      return new Event(null, false, text, done);
    }
  }

  private final MonitData data;
  private final Ansi ansi;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final MetricHistory history = new MetricHistory();
  private final AtomicBoolean busy = new AtomicBoolean();
  private MonitData.Sample sample = new MonitData.Sample(null, List.of(), "asking the agent...");
  private String selected;
  private List<String> logs = List.of();
  private String status;

  MonitLoop(MonitData data, Ansi ansi) {
    this.data = data;
    this.ansi = ansi;
  }

  /** Runs until the user quits; returns the exit code. */
  int run() throws IOException, InterruptedException {
    // box-drawing characters as they are: through the alternate charset they would read 'q' in a
    // terminal without one (and in tmux's copy of the screen)
    System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
    Terminal terminal = TerminalBuilder.builder().system(true).dumb(false)
        .jna(false).jansi(false).ffm(false).nativeSignals(true).build();
    Attributes saved = terminal.getAttributes();
    AtomicBoolean restored = new AtomicBoolean();
    Runnable restore = () -> {
      if (restored.compareAndSet(false, true)) {
        leave(terminal, saved);
      }
    };
    Thread hangUp = new Thread(restore, "monit-restore"); // SIGTERM, SIGHUP: leave the terminal usable
    Runtime.getRuntime().addShutdownHook(hangUp);
    try {
      enter(terminal);
      terminal.handle(Signal.WINCH, s -> events.add(new Event(null, true, null, false)));
      terminal.handle(Signal.INT, s -> events.add(Event.of(Key.QUIT)));
      terminal.handle(Signal.TSTP, s -> suspend(terminal, saved));
      readKeys(terminal.reader());
      loop(terminal);
    } finally {
      restore.run();
      Runtime.getRuntime().removeShutdownHook(hangUp);
      terminal.close();
    }
    return ExitCode.OK;
  }

  /** Raw mode, the alternate screen, no cursor. */
  private static void enter(Terminal terminal) {
    terminal.enterRawMode();
    terminal.puts(Capability.enter_ca_mode);
    terminal.puts(Capability.keypad_xmit);
    terminal.puts(Capability.cursor_invisible);
    terminal.flush();
  }

  /** The terminal as it was: main screen, cursor shown, the modes it had. */
  private static void leave(Terminal terminal, Attributes saved) {
    terminal.puts(Capability.exit_ca_mode);
    terminal.puts(Capability.keypad_local);
    terminal.puts(Capability.cursor_normal); // after leaving the alternate screen, which may restore modes
    terminal.setAttributes(saved);
    terminal.flush();
  }

  /**
   * Ctrl-Z: gives the terminal back to the shell and stops this process, as a shell job stops;
   * when the shell continues it ({@code fg}) the screen comes back whole.
   */
  private void suspend(Terminal terminal, Attributes saved) {
    leave(terminal, saved);
    try {
      new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
    } catch (IOException e) {
      // cannot stop: carry on showing the screen
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    enter(terminal);
    events.add(Event.of(Key.REDRAW));
  }

  private void loop(Terminal terminal) throws InterruptedException {
    boolean unicode = StandardCharsets.UTF_8.equals(terminal.encoding());
    Display display = new Display(terminal, true);
    refresh(terminal);
    draw(terminal, display, unicode);
    long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS);
    while (true) {
      Event e = events.poll(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        refresh(terminal);
        next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS);
      } else if (e.key() == Key.QUIT) {
        return;
      } else if (e.key() == Key.UP || e.key() == Key.DOWN) {
        select(e.key() == Key.UP ? -1 : 1, terminal);
      } else if (e.key() == Key.RESTART || e.key() == Key.STOP || e.key() == Key.START) {
        act(e.key());
      } else if (e.resize() || e.key() == Key.REDRAW) {
        display.clear();
      } else if (e.status() != null) {
        status = e.status();
        if (e.done()) {
          refresh(terminal);
        }
      }
      draw(terminal, display, unicode);
    }
  }

  /** Samples the figures, adds them to the history and reads the selected service's log tail. */
  private void refresh(Terminal terminal) {
    sample = data.sample();
    history.add(sample.rows());
    logs = readLogs(terminal);
  }

  private List<String> readLogs(Terminal terminal) {
    Map<String, Object> row = row(index());
    if (row == null) {
      return List.of();
    }
    try {
      return data.logTail(String.valueOf(row.get("service")), Math.max(1, height(terminal)));
    } catch (RuntimeException e) {
      return List.of("error: cannot read the logs: " + e.getMessage());
    }
  }

  private void draw(Terminal terminal, Display display, boolean unicode) {
    int width = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
    int height = height(terminal);
    MonitScreen.View view = new MonitScreen.View(data.stack(), sample.profile(), sample.rows(), index(),
        history, logs, status, sample.problem());
    display.resize(height, width);
    // Display changes the list it is given
    List<AttributedString> lines = MonitScreen.render(view, width, height, ansi, unicode).stream()
        .map(AttributedString::fromAnsi).collect(Collectors.toCollection(ArrayList::new));
    display.update(lines, new Size(width, height).cursorPos(height - 1, 0));
    terminal.flush();
  }

  private static int height(Terminal terminal) {
    return terminal.getHeight() > 0 ? terminal.getHeight() : 24;
  }

  /** The selected row's index: the row of the selected instance, which keeps its place across samples. */
  private int index() {
    List<Map<String, Object>> rows = sample.rows();
    for (int i = 0; i < rows.size(); i++) {
      if (String.valueOf(rows.get(i).get("instance")).equals(selected)) {
        return i;
      }
    }
    return 0;
  }

  private Map<String, Object> row(int i) {
    return i < sample.rows().size() ? sample.rows().get(i) : null;
  }

  private void select(int step, Terminal terminal) {
    int count = sample.rows().size();
    if (count > 0) {
      selected = String.valueOf(sample.rows().get(Math.floorMod(index() + step, count)).get("instance"));
      logs = readLogs(terminal);
    }
  }

  /** Starts the action on the selected service on its own thread; one at a time. */
  private void act(Key key) {
    Map<String, Object> row = row(index());
    if (row == null) {
      status = "error: no service to " + key.name().toLowerCase(java.util.Locale.ROOT);
      return;
    }
    String service = String.valueOf(row.get("service"));
    String op = key.name().toLowerCase(java.util.Locale.ROOT);
    String doing = switch (key) {
      case RESTART -> "restarting";
      case STOP -> "stopping";
      default -> "starting";
    };
    if (!busy.compareAndSet(false, true)) {
      return; // the status line already says what is under way
    }
    status = doing + " " + service + "...";
    Thread action = new Thread(() -> {
      try {
        data.act(op, service, e -> {
          if ("progress".equals(e.get("event"))) {
            events.add(Event.status(doing + " " + service + ": " + e.get("instance") + " " + e.get("status"), false));
          }
        });
        String done = key == Key.STOP ? "stopped" : key == Key.START ? "started" : "restarted";
        events.add(Event.status(service + " " + done, true));
      } catch (AgentCalls.AgentFailure f) {
        events.add(Event.status("error: " + f.getMessage() + (f.hint() == null ? "" : " (" + f.hint() + ")"), true));
      } catch (RuntimeException f) {
        events.add(Event.status("error: " + f.getMessage(), true));
      } finally {
        busy.set(false);
      }
    }, "monit-" + op);
    action.setDaemon(true);
    action.start();
  }

  /** Reads keys on a daemon thread until the input ends (which quits) or the JVM exits. */
  private void readKeys(NonBlockingReader reader) {
    Thread keys = new Thread(() -> {
      try {
        while (true) {
          int c = reader.read();
          if (c < 0) {
            events.add(Event.of(Key.QUIT));
            return;
          }
          Key key = MonitKeys.decode(c, reader::read);
          if (key != null) {
            events.add(Event.of(key));
          }
        }
      } catch (IOException e) {
        events.add(Event.of(Key.QUIT));
      }
    }, "monit-keys");
    keys.setDaemon(true);
    keys.start();
  }
}
