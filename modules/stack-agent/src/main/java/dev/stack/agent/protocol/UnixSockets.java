package dev.stack.agent.protocol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/** What the CLI and the agent share about the JDK's unix sockets. */
public final class UnixSockets {

  private UnixSockets() {}

  /**
   * Opens and closes one unix socket, for a process about to wait anyway: the JDK's first one
   * seeds a SecureRandom (its security providers) and finds a selector provider, ~30 ms here,
   * which the agent's bind or the CLI's first connection would otherwise pay on a cold start's
   * critical path. A failure is left to the real socket to report.
   */
  public static void prime() {
    try {
      SocketChannel.open(StandardProtocolFamily.UNIX).close();
    } catch (IOException | RuntimeException e) {
      // the real socket reports what is wrong
    }
  }
}
