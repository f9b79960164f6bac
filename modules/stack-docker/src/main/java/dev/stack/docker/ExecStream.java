package dev.stack.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The start of a {@code stack exec} on a connection of its own, upgraded to a raw stream as
 * {@code docker exec -i} does: docker-java's transports never half-close a hijacked stdin, so a
 * command that reads to the end of its input ({@code cat}, {@code psql < dump.sql}) would never
 * end. Here the end of {@code in} shuts the connection's write side, which the engine passes on as
 * the end of the command's input. Reads and writes go straight to the channel from two threads
 * (a channel's stream adapters would serialise them on one lock).
 */
final class ExecStream {

  private ExecStream() {}

  /** Whether {@code host} ({@code DOCKER_HOST}) is one this class can reach: a unix socket, or plain TCP. */
  static boolean reaches(String host) {
    return host.startsWith("unix://") || host.startsWith("tcp://");
  }

  /**
   * Starts exec {@code execId} and copies its output until it ends: with a terminal one raw stream
   * to {@code out}, else the engine's frames to {@code out} and {@code err}.
   */
  static void run(String host, String execId, boolean tty, InputStream in, OutputStream out, OutputStream err,
      Runnable started) throws IOException {
    URI uri = URI.create(host);
    try (SocketChannel ch = host.startsWith("unix://") ? SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()))
        : SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()))) {
      byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.UTF_8);
      String head = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
          + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + body.length + "\r\n\r\n";
      write(ch, head.getBytes(StandardCharsets.US_ASCII));
      write(ch, body);
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      String status = readHead(ch, buf);
      if (!status.matches("HTTP/1\\.[01] (101|200) .*")) {
        throw new IOException("the engine answered " + status.strip());
      }
      started.run();
      Thread pump = new Thread(() -> pumpInput(ch, in), "exec-stdin");
      pump.setDaemon(true); // it may wait on a terminal that has nothing more to say
      pump.start();
      if (tty) {
        copyRaw(ch, buf, out);
      } else {
        demux(ch, buf, out, err);
      }
    }
  }

  private static void write(SocketChannel ch, byte[] b) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b);
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
  }

  /** Reads the response head and returns its status line; what came after it stays in {@code buf}, ready to read. */
  private static String readHead(SocketChannel ch, ByteBuffer buf) throws IOException {
    while (true) {
      if (ch.read(buf) < 0) {
        throw new EOFException("the engine closed the connection before answering");
      }
      byte[] a = buf.array();
      for (int i = 3; i < buf.position(); i++) {
        if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
          String head = new String(a, 0, i + 1, StandardCharsets.ISO_8859_1);
          buf.flip();
          buf.position(i + 1);
          return head.substring(0, head.indexOf('\r')).toUpperCase(Locale.ROOT);
        }
      }
      if (!buf.hasRemaining()) {
        throw new IOException("the engine's answer has no end of its head");
      }
    }
  }

  /** {@code in} to the command; its end (or a failure to read it) is the end of the command's input. */
  private static void pumpInput(SocketChannel ch, InputStream in) {
    byte[] b = new byte[8192];
    try {
      int n;
      while ((n = in.read(b)) >= 0) {
        if (n > 0) {
          ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
        }
      }
    } catch (IOException e) {
      // the connection ended (the command did), or the input failed: either way no more input
    }
    try {
      ch.shutdownOutput();
    } catch (IOException e) {
      // closed already
    }
  }

  private static void copyRaw(SocketChannel ch, ByteBuffer buf, OutputStream out) throws IOException {
    while (true) {
      if (buf.hasRemaining()) {
        out.write(buf.array(), buf.position(), buf.remaining());
        out.flush();
      }
      buf.clear();
      if (ch.read(buf) < 0) {
        return;
      }
      buf.flip();
    }
  }

  /** The engine's frames: 8 bytes (stream, 0, 0, 0, length big-endian), then the payload. */
  private static void demux(SocketChannel ch, ByteBuffer buf, OutputStream out, OutputStream err) throws IOException {
    while (true) {
      if (!fill(ch, buf, 8)) {
        return;
      }
      int stream = buf.get() & 0xff;
      buf.position(buf.position() + 3);
      long left = buf.getInt() & 0xffffffffL;
      OutputStream to = stream == 2 ? err : out;
      while (left > 0) {
        if (!fill(ch, buf, 1)) {
          return;
        }
        int n = (int) Math.min(left, buf.remaining());
        to.write(buf.array(), buf.position(), n);
        buf.position(buf.position() + n);
        left -= n;
      }
      to.flush();
    }
  }

  /** At least {@code n} bytes ready in {@code buf} (read mode); false at the end of the stream. */
  private static boolean fill(SocketChannel ch, ByteBuffer buf, int n) throws IOException {
    while (buf.remaining() < n) {
      buf.compact();
      int r = ch.read(buf);
      buf.flip();
      if (r < 0) {
        return false;
      }
    }
    return true;
  }
}
