package dev.stack.core.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Healthy on an HTTP 2xx or 3xx answer to {@code GET path}. Speaks HTTP/1.0 over a plain socket:
 * one request, the status line read, nothing else, so a probe costs a connection and a few bytes
 * (java.net.http would start a selector thread per client).
 */
public record HttpProbe(String host, int port, String path) implements Probe {

  @Override
  public ProbeResult check(long timeoutMillis) {
    int timeout = (int) Math.max(1, timeoutMillis);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeout);
      s.setSoTimeout(timeout);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + ":" + port + "\r\nUser-Agent: stack-probe\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = statusLine(s.getInputStream());
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        return new ProbeResult(Instant.now(), false, "not an HTTP answer");
      }
      int code = Integer.parseInt(parts[1]);
      return new ProbeResult(Instant.now(), code >= 200 && code < 400, "HTTP " + code);
    } catch (IOException | NumberFormatException e) {
      return new ProbeResult(Instant.now(), false, "GET " + path + ": " + Probes.reason(e));
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n' && b.length() < 256) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
