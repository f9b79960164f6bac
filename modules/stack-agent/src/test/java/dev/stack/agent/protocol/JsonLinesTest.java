package dev.stack.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  /** Hands out the given chunks one read at a time, then end of stream; collects writes. */
  static final class ScriptedChannel implements ByteChannel {
    final Deque<byte[]> chunks = new ArrayDeque<>();
    final StringBuilder written = new StringBuilder();

    ScriptedChannel(String... chunks) {
      for (String c : chunks) {
        this.chunks.add(c.getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public int read(ByteBuffer dst) {
      if (chunks.isEmpty()) {
        return -1;
      }
      byte[] c = chunks.poll();
      dst.put(c);
      return c.length;
    }

    @Override
    public int write(ByteBuffer src) {
      byte[] b = new byte[src.remaining()];
      src.get(b);
      written.append(new String(b, StandardCharsets.UTF_8));
      return b.length;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  @Test
  void readsMessagesSplitAndJoinedAcrossReads() throws IOException {
    JsonLines lines = new JsonLines(new ScriptedChannel(
        "{\"event\":\"progress\",\"n\":1}\n{\"ev", "ent\":\"log\",\"line\":\"caf\u00e9 \\n x\"}\n{\"result\":{}}\n"));
    assertEquals(Map.of("event", "progress", "n", 1L), lines.read());
    assertEquals(Map.of("event", "log", "line", "café \n x"), lines.read());
    assertEquals(Map.of("result", Map.of()), lines.read());
    assertNull(lines.read());
  }

  @Test
  void splitsMultiByteCharactersAcrossReadsCorrectly() throws IOException {
    byte[] all = "{\"s\":\"\u00e9\ud83d\ude00\"}\n".getBytes(StandardCharsets.UTF_8);
    ScriptedChannel ch = new ScriptedChannel();
    for (byte b : all) {
      ch.chunks.add(new byte[] {b});
    }
    assertEquals(Map.of("s", "\u00e9\ud83d\ude00"), new JsonLines(ch).read());
  }

  @Test
  void writesOneCompactLinePerMessage() throws IOException {
    ScriptedChannel ch = new ScriptedChannel();
    JsonLines lines = new JsonLines(ch);
    lines.write(Replies.event("log", Map.of("line", "a\nb")));
    lines.write(Replies.error("it broke", null, 2, "bad-request"));
    assertEquals("{\"event\":\"log\",\"line\":\"a\\nb\"}\n"
        + "{\"error\":{\"message\":\"it broke\",\"exit\":2,\"reason\":\"bad-request\"}}\n", ch.written.toString());
  }

  @Test
  void refusesLinesThatAreNotObjectsAndTruncatedMessages() throws IOException {
    JsonLines lines = new JsonLines(new ScriptedChannel("[1]\n{\"a\":1"));
    assertEquals("not a protocol message: expected a JSON object, got an array at offset 0",
        assertThrows(ProtocolException.class, lines::read).getMessage());
    assertEquals("the connection ended inside a message",
        assertThrows(ProtocolException.class, lines::read).getMessage());
  }

  @Test
  void requestsRoundTripAndAreValidated() throws ProtocolException {
    Request r = new Request("up", "1.0", "/w", Map.of("services", List.of("api")));
    assertEquals("{\"op\":\"up\",\"version\":\"1.0\",\"cwd\":\"/w\",\"args\":{\"services\":[\"api\"]}}",
        dev.stack.core.json.Json.write(r.toMessage()));
    assertEquals(r, Request.fromMessage(r.toMessage()));
    assertEquals(Map.of(), Request.fromMessage(Map.of("op", "ping")).args());
    assertEquals("a request needs a string \"op\"",
        assertThrows(ProtocolException.class, () -> Request.fromMessage(Map.of("op", 3))).getMessage());
    assertEquals("\"args\" of a request must be an object", assertThrows(ProtocolException.class,
        () -> Request.fromMessage(Map.of("op", "x", "args", List.of()))).getMessage());
  }
}
