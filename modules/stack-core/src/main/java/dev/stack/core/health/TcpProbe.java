package dev.stack.core.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;

/** Healthy when a TCP connection to host:port opens. */
public record TcpProbe(String host, int port) implements Probe {

  @Override
  public ProbeResult check(long timeoutMillis) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeoutMillis));
      return new ProbeResult(Instant.now(), true, "port " + port + " open");
    } catch (IOException e) {
      return new ProbeResult(Instant.now(), false, "port " + port + ": " + Probes.reason(e));
    }
  }
}
