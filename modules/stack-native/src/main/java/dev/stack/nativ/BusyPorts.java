package dev.stack.nativ;

import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Port;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the ports a native instance is to bind are free before it starts, and who holds one that
 * is not. A process started on a port another process listens on fails to bind and crash-loops,
 * while an HTTP or TCP probe of that port reaches the other process and calls it healthy: found
 * here, {@code up} fails at once naming the holder, as Docker refuses a port already allocated.
 */
final class BusyPorts {

  private BusyPorts() {}

  /** The first port of the instance that another socket holds, said for users, or empty. */
  static Optional<String> firstBusy(InstanceSpec spec) {
    List<Port> ports = spec.service().ports();
    for (Port p : ports) {
      int port = p.instancePort(spec.id().index());
      boolean udp = "udp".equals(p.protocol());
      if (busy(port, udp)) {
        return Optional.of("port " + port + (udp ? "/udp" : "") + " is in use" + holder(port, udp).map(h -> " by " + h).orElse(""));
      }
    }
    return Optional.empty();
  }

  /**
   * Binds the port on the wildcard address and lets go: that fails while any socket listens on it
   * (on any address), and not for connections of an earlier run waiting out TIME_WAIT.
   */
  static boolean busy(int port, boolean udp) {
    try {
      if (udp) {
        try (DatagramSocket s = new DatagramSocket(null)) {
          s.setReuseAddress(true);
          s.bind(new InetSocketAddress(port));
        }
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(true);
          s.bind(new InetSocketAddress(port), 1);
        }
      }
      return false;
    } catch (BindException e) {
      return true;
    } catch (IOException | SecurityException e) {
      return false; // cannot tell: the start finds out
    }
  }

  /** {@code pid 779 (python3)}: the process with a socket bound to the port, from /proc; empty when not visible. */
  static Optional<String> holder(int port, boolean udp) {
    String proto = udp ? "udp" : "tcp";
    Optional<String> inode = inode(Path.of("/proc/net/" + proto), port, udp).or(() -> inode(Path.of("/proc/net/" + proto + "6"), port, udp));
    if (inode.isEmpty()) {
      return Optional.empty();
    }
    String target = "socket:[" + inode.get() + "]";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            if (target.equals(readLink(fd))) {
              String comm = Files.readString(proc.resolve("comm")).strip();
              return Optional.of("pid " + proc.getFileName() + " (" + comm + ")");
            }
          }
        } catch (IOException | SecurityException e) {
          // gone, or not ours to read
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The inode of a socket in a /proc/net table bound to {@code port}: listening for TCP, any for UDP. */
  private static Optional<String> inode(Path table, int port, boolean udp) {
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    try {
      for (String line : Files.readAllLines(table)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[1].endsWith(hexPort) && (udp || "0A".equals(f[3]))) {
          return Optional.of(f[9]);
        }
      }
    } catch (IOException e) {
      // no such table (no IPv6)
    }
    return Optional.empty();
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
