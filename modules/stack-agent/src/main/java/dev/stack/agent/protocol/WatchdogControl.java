package dev.stack.agent.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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
    try (FileChannel ch = FileChannel.open(home.watchdogControl(), StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }
}
