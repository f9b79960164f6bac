package dev.stack.agent.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the watchdog of a {@link StackHome} and writes lines to its control FIFO
 * ({@code hold PATH}, {@code release PATH}, {@code start}).
 */
public final class WatchdogControl {

  private WatchdogControl() {}

  /** The pid of the live watchdog of {@code home}, or empty if none runs. */
  public static OptionalLong pid(StackHome home) {
    OptionalLong filed = filedPid(home);
    if (filed.isEmpty()) {
      return filed;
    }
    long pid = filed.getAsLong();
    // a recycled pid would belong to another program: check it still runs the watchdog script
    boolean alive = ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().arguments()
            .map(args -> args.length > 0 && args[args.length - 1].equals(home.root().toString()))
            .orElse(true))
        .orElse(false);
    return alive ? OptionalLong.of(pid) : OptionalLong.empty();
  }

  /** The pid in {@code watchdog.pid}, unchecked, or empty if there is none. */
  public static OptionalLong filedPid(StackHome home) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(home.watchdogPid()).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Writes one control line. The FIFO is opened read-write, so this never blocks, even when the
   * watchdog just went away (the line is then lost); one short write to a pipe is atomic, so lines
   * of concurrent writers do not mix.
   */
  public static void send(StackHome home, String line) throws IOException {
    send(home, List.of(line));
  }

  /** The most a write to a pipe may hold and still be atomic (POSIX {@code PIPE_BUF} on Linux). */
  static final int ATOMIC_WRITE = 4096;

  /**
   * Writes control lines, in order, as few writes as can each stay atomic ({@value #ATOMIC_WRITE}
   * bytes at most, whole lines only), so that lines of concurrent writers never mix.
   */
  public static void send(StackHome home, List<String> lines) throws IOException {
    try (FileChannel ch = FileChannel.open(home.watchdogControl(), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteArrayOutputStream chunk = new ByteArrayOutputStream(ATOMIC_WRITE);
      for (String line : lines) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (chunk.size() > 0 && chunk.size() + b.length > ATOMIC_WRITE) {
          ch.write(ByteBuffer.wrap(chunk.toByteArray()));
          chunk.reset();
        }
        chunk.write(b, 0, b.length);
      }
      if (chunk.size() > 0) {
        ch.write(ByteBuffer.wrap(chunk.toByteArray()));
      }
    }
  }
}
