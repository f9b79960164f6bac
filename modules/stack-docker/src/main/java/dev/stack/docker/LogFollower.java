package dev.stack.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.stack.core.spi.LogSink;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows one container's output ({@code GET /containers/ID/logs?follow&timestamps}) into
 * {@link LogFrames}, on its own small thread, for as long as the container runs; the engine ends
 * the stream when the container stops, and the owner attaches a new follower when it starts
 * again, from the last frame's time. The engine's framing ({@code [stream,0,0,0,size]} then one
 * log message) is read here rather than through docker-java, which cuts frames into 1 KiB pieces
 * and so loses where a message ends.
 *
 * <p>The time of the last frame taken is also kept in a small file of the instance's run folder
 * ({@value #CURSOR}), written at most every {@link #CURSOR_EVERY_MS} ms and when the stream ends,
 * so that an agent that restarts continues from there instead of losing or repeating lines; at
 * most the lines of that last interval are delivered twice.
 */
final class LogFollower implements Closeable {

  /** The cursor file's name in the run folder. */
  static final String CURSOR = "docker-logs-since";
  static final long CURSOR_EVERY_MS = 250;

  private final DockerEngine engine;
  private final String path;
  private final LogFrames frames;
  private final Path cursor;
  private final Runnable ended;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile DockerHttpClient.Response response;
  private volatile boolean closed;
  private long cursorSaved;

  private LogFollower(DockerEngine engine, String path, LogFrames frames, Path runDir, Runnable ended) {
    this.engine = engine;
    this.path = path;
    this.frames = frames;
    this.cursor = runDir == null ? null : runDir.resolve(CURSOR);
    this.ended = ended;
  }

  /**
   * Starts following {@code containerId}, skipping what was taken up to {@code since} (all of it
   * when null); {@code ended} runs once the stream ends, for whatever reason.
   */
  static LogFollower follow(DockerEngine engine, String containerId, LogFrames frames, Instant since, Path runDir,
      Runnable ended) {
    StringBuilder path = new StringBuilder("/containers/").append(containerId)
        .append("/logs?follow=1&stdout=1&stderr=1&timestamps=1");
    if (since != null) {
      // the engine keeps messages stamped at or after since; those at it were taken already
      path.append("&since=").append(since.getEpochSecond()).append('.')
          .append(String.format("%09d", since.getNano()));
      frames.skipUpTo(since);
    }
    LogFollower follower = new LogFollower(engine, path.toString(), frames, runDir, ended);
    Thread thread = new Thread(null, follower::run, "docker-logs-" + containerId.substring(0, 12), 256 * 1024);
    thread.setDaemon(true);
    thread.start();
    return follower;
  }

  /** The time saved by the last follower of the instance of {@code runDir}, or null. */
  static Instant savedCursor(Path runDir) {
    if (runDir == null) {
      return null;
    }
    try {
      return Instant.parse(Files.readString(runDir.resolve(CURSOR), StandardCharsets.US_ASCII).strip());
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }

  private void run() {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path(path).build();
    try (DockerHttpClient.Response r = engine.streamingHttp().execute(request)) {
      response = r;
      if (closed || r.getStatusCode() != 200) {
        return;
      }
      InputStream in = new BufferedInputStream(r.getBody(), 64 * 1024);
      byte[] header = new byte[8];
      byte[] payload = new byte[16 * 1024 + 64];
      while (readFully(in, header, 8)) {
        int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
            | (header[7] & 0xff);
        if (size > payload.length) {
          payload = new byte[size];
        }
        if (!readFully(in, payload, size)) {
          break;
        }
        frames.frame(header[0] == 2 ? LogSink.Stream.ERR : LogSink.Stream.OUT, payload, 0, size);
        long now = System.currentTimeMillis();
        if (now - cursorSaved >= CURSOR_EVERY_MS) {
          cursorSaved = now;
          saveCursor();
        }
      }
    } catch (IOException | RuntimeException e) {
      // the container stopped, we closed the stream, or the engine went away: the owner looks again
    } finally {
      finish();
    }
  }

  private static boolean readFully(InputStream in, byte[] buf, int len) throws IOException {
    int got = 0;
    while (got < len) {
      int n = in.read(buf, got, len - got);
      if (n < 0) {
        return false;
      }
      got += n;
    }
    return true;
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    frames.flush();
    saveCursor();
    ended.run();
  }

  /** Stops following; the ended callback still runs. */
  @Override
  public void close() {
    closed = true;
    DockerHttpClient.Response r = response;
    if (r != null) {
      r.close();
    }
  }

  private void saveCursor() {
    Instant last = frames.last();
    if (cursor == null || last == null) {
      return;
    }
    try {
      Path tmp = cursor.resolveSibling(CURSOR + ".tmp");
      Files.writeString(tmp, last.toString(), StandardCharsets.US_ASCII);
      Files.move(tmp, cursor, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the run folder is gone or not writable: a later recover re-reads from the run's start
    }
  }
}
