package dev.stack.core.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Healthy on an HTTP 2xx or 3xx answer to {@code GET path}. Speaks HTTP/1.0 over a plain socket
 * (java.net.http would start a selector thread per client): one request, the status line decides.
 * The rest of the answer is read too, up to {@link #DRAIN_LIMIT} bytes within the timeout, before
 * the connection is closed: closing with the answer unread resets the connection, and the service
 * then logs a broken pipe for every probe (Python's http.server prints a traceback).
 */
public record HttpProbe(String host, int port, String path) implements Probe {

  /** How much of an answer is read at most (Kubernetes' probes stop at 10 KiB). */
  static final int DRAIN_LIMIT = 64 * 1024;

  private static final int STATUS_LINE_LIMIT = 256;

  @Override
  public ProbeResult check(long timeoutMillis) {
    long timeout = Math.max(1, timeoutMillis);
    long deadline = System.nanoTime() + timeout * 1_000_000;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + ":" + port + "\r\nUser-Agent: stack-probe\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      int have = 0;
      int eol = -1;
      while (eol < 0 && have < STATUS_LINE_LIMIT) {
        int n = read(s, in, buf, have, deadline);
        if (n < 0) {
          break;
        }
        for (int i = have; i < have + n && eol < 0; i++) {
          eol = buf[i] == '\n' ? i : -1;
        }
        have += n;
      }
      String status = new String(buf, 0, eol >= 0 ? eol : Math.min(have, STATUS_LINE_LIMIT), StandardCharsets.ISO_8859_1).strip();
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        return new ProbeResult(Instant.now(), false, "not an HTTP answer");
      }
      int code = Integer.parseInt(parts[1]);
      drain(s, in, buf, have, deadline);
      return new ProbeResult(Instant.now(), code >= 200 && code < 400, "HTTP " + code);
    } catch (IOException | NumberFormatException e) {
      return new ProbeResult(Instant.now(), false, "GET " + path + ": " + Probes.reason(e));
    }
  }

  /** One read, waiting at most until {@code deadline}; -1 at the end of the answer. */
  private static int read(Socket s, InputStream in, byte[] buf, int off, long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("Read timed out");
    }
    s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    return in.read(buf, off, buf.length - off);
  }

  /** Reads what is left of the answer, within the limit and the deadline; the status stands either way. */
  private static void drain(Socket s, InputStream in, byte[] buf, int read, long deadline) {
    try {
      for (int n = 0; n >= 0 && read < DRAIN_LIMIT; read += n) {
        n = read(s, in, buf, 0, deadline);
      }
    } catch (IOException e) {
      // a slow or endless answer: the status line was enough
    }
  }
}
