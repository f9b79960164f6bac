package dev.stack.agent.protocol;

import dev.stack.core.json.Json;
import dev.stack.core.json.JsonException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Newline-delimited JSON objects over a byte channel, the framing of the protocol. Reading and
 * writing may happen on different threads; each direction is for one thread at a time.
 */
public final class JsonLines implements Closeable {

  /** A line longer than this is refused rather than buffered without bound. */
  public static final int MAX_LINE = 64 << 20;

  private final ByteChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(8192);
  private byte[] line = new byte[1024];
  private int lineLength;

  public JsonLines(ByteChannel channel) {
    this.channel = channel;
    in.flip();
  }

  /**
   * The next message, or null at the end of the stream.
   *
   * @throws ProtocolException if a line is not a JSON object, is too long, or the stream ends
   *     inside a line
   */
  public Map<String, Object> read() throws IOException {
    lineLength = 0;
    while (true) {
      while (in.hasRemaining()) {
        byte b = in.get();
        if (b == '\n') {
          return parse();
        }
        if (lineLength == line.length) {
          if (lineLength >= MAX_LINE) {
            throw new ProtocolException("a message is longer than " + (MAX_LINE >> 20) + " MiB");
          }
          line = Arrays.copyOf(line, Math.min(MAX_LINE, lineLength * 2));
        }
        line[lineLength++] = b;
      }
      in.clear();
      int n = channel.read(in);
      in.flip();
      if (n < 0) {
        if (lineLength > 0) {
          throw new ProtocolException("the connection ended inside a message");
        }
        return null;
      }
    }
  }

  private Map<String, Object> parse() throws ProtocolException {
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    try {
      return Json.parseObject(text);
    } catch (JsonException e) {
      throw new ProtocolException("not a protocol message: " + e.getMessage());
    }
  }

  /** Writes one message and its newline. */
  public void write(Map<String, ?> message) throws IOException {
    writeAll(List.of(message));
  }

  /** Writes messages, each with its newline, in one write where the channel takes it. */
  public void writeAll(List<? extends Map<String, ?>> messages) throws IOException {
    StringBuilder sb = new StringBuilder(128 * messages.size());
    for (Map<String, ?> message : messages) {
      Json.write(message, sb);
      sb.append('\n');
    }
    ByteBuffer out = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
