package dev.stack.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One detached tmux session of a fixed size on a tmux server of its own (its socket in a temporary
 * folder, removed at the end), so a full-screen program runs under a real pseudo-terminal: keys go
 * in with {@link #send}, the screen comes out with {@link #screen}. The pane stays after its
 * command ends, to read how it ended.
 */
final class Tmux implements AutoCloseable {

  private final String name = "stack-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final Path socket;

  /** Starts {@code command} (run by sh) in a new session of {@code width} x {@code height}. */
  Tmux(String command, int width, int height) {
    try {
      socket = Files.createTempDirectory("tmux").resolve("socket");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tmux("new-session", "-d", "-s", name, "-x", Integer.toString(width), "-y", Integer.toString(height), command,
        ";", "set-option", "-w", "-t", name, "remain-on-exit", "on");
  }

  /** What the pane shows now, one string per line, trailing spaces cut. */
  String screen() {
    return tmux("capture-pane", "-p", "-t", name);
  }

  /** Sends keys as tmux names them: {@code Down}, {@code r}, {@code C-c}. */
  void send(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** A tmux format about the pane, e.g. {@code #{pane_dead}}. */
  String format(String format) {
    return tmux("display-message", "-p", "-t", name, format).strip();
  }

  /** Ends the session (and with it this test's tmux server); only this session, by its name. */
  @Override
  public void close() {
    run(List.of("tmux", "-S", socket.toString(), "kill-session", "-t", name));
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(socket.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
    command.addAll(List.of(args));
    String[] result = run(command);
    if (!result[0].equals("0")) {
      throw new AssertionError(String.join(" ", command) + " failed: " + result[1]);
    }
    return result[1];
  }

  /** Exit code and output (stdout and stderr together). */
  private static String[] run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end");
      }
      return new String[] {Integer.toString(p.exitValue()), out};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
