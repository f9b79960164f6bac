package dev.stack.agent.daemon;

import dev.stack.agent.protocol.StackHome;
import dev.stack.agent.protocol.WatchdogControl;
import dev.stack.core.concurrent.SharedReading;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks the watchdog to hold named FIFOs open read-write, so a service writing into its FIFO never
 * gets SIGPIPE while the agent is down: its writes wait in the pipe (and block once it is full)
 * until the next agent reads on. Note that a FIFO held this way never reports end-of-file to its
 * reader: the end of a service is seen from its process, not from its output.
 *
 * <p>{@link #hold} returns once the watchdog has the FIFO open (checked in {@code /proc}), so a
 * service started afterwards is covered from its first byte. Holds asked for at once (an
 * {@code up} of many services) share their checks: one listing of the watchdog's descriptors
 * answers every waiter whose request was sent before the listing began, instead of each waiter
 * listing them all again (quadratic in the number of FIFOs held).
 */
public final class WatchdogFifoHolder {

  private static final long CONFIRM_MS = 2000;

  private final StackHome home;
  /** Listings of the watchdog's descriptors (keyed by its pid), shared by waiting holds. */
  private final SharedReading<Long, Set<Path>> listings = new SharedReading<>();

  public WatchdogFifoHolder(StackHome home) {
    this.home = home;
  }

  /**
   * Has the watchdog hold {@code fifo} open until {@link #release}.
   *
   * @throws IOException if no watchdog runs or it did not open the FIFO within 2 s
   */
  public void hold(Path fifo) throws IOException {
    Path abs = checked(fifo);
    long sentAt = System.nanoTime();
    long watchdog = send("hold " + abs);
    Path fds = Path.of("/proc", Long.toString(watchdog), "fd");
    if (!Files.isDirectory(fds)) {
      return; // no /proc (macOS): trust the request
    }
    long deadline = sentAt + CONFIRM_MS * 1_000_000;
    // only a listing begun after the request can show the watchdog's answer to it (an older one
    // may still show the previous run's hold of the same path)
    long after = sentAt;
    while (true) {
      SharedReading.Reading<Long, Set<Path>> scan = listings.begunAfter(watchdog, after, pid -> openIn(fds));
      if (scan.value().contains(abs)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the watchdog (pid " + watchdog + ") did not open " + abs);
      }
      after = scan.began();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the watchdog opened " + abs, e);
      }
    }
  }

  /** Lets the watchdog close {@code fifo}; a FIFO it does not hold is ignored. */
  public void release(Path fifo) throws IOException {
    send("release " + checked(fifo));
  }

  private static Path checked(Path fifo) {
    Path abs = fifo.toAbsolutePath().normalize();
    if (abs.toString().indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a FIFO path cannot contain a newline: " + abs);
    }
    return abs;
  }

  /** Writes one control line; returns the watchdog's pid. */
  private long send(String line) throws IOException {
    long pid = WatchdogControl.pid(home)
        .orElseThrow(() -> new IOException("no watchdog runs for " + home.root()));
    WatchdogControl.send(home, line);
    return pid;
  }

  private static Set<Path> openIn(Path fds) throws IOException {
    Set<Path> open = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          open.add(Files.readSymbolicLink(fd));
        } catch (IOException closedMeanwhile) {
          // the fd went away between listing and reading
        }
      }
    }
    return open;
  }
}
