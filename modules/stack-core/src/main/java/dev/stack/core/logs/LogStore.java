package dev.stack.core.logs;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log store: every instance's stdout and stderr in one append-only file,
 * {@code ROOT/<stack>/<service>-<index>.log}, the stream and read time of every line kept in
 * headers written once per batch (format in {@link LogFormat} and {@code docs/logs-format.md}).
 *
 * <p>One file per instance, not per stream: {@code less api-1.log} shows both streams in the order
 * they were read, {@code logs.max_size} bounds the instance as on Docker, and an instance costs
 * one descriptor and one 64 KiB buffer. The two reader threads of an instance share its lock only
 * for a copy into the buffer; different instances share nothing.
 *
 * <p>Files rotate by size ({@code api-1.log} to {@code api-1.log.1} ... {@code .log.<keep>}),
 * per instance as {@link #configure configured} (default {@link LogSpec#DEFAULT}). A line is in the
 * file at most a few milliseconds after it came in (a background write-out of quiet buffers), and
 * at once after {@link #flush(InstanceId)}. Nothing is deleted except by rotation and
 * {@link #purge}. A line that cannot be written (disk full) is dropped and counted rather than
 * stalling the service's output.
 *
 * <p>Backends: pass the same {@code Instant} to all lines of one read (a header is written only
 * when the millisecond or the stream changes), and call {@link #line} or {@link #lines} for one
 * instance and stream from one thread. A backend that reads in chunks passes the whole lines of a
 * read as one run ({@link #lines}): they are copied in bulk, only lines starting with {@code @}
 * are touched, and full buffers are written by one {@link LogWriter} thread while the caller goes
 * on reading. Nothing is allocated per line; about 0.02 bytes per line (the caller's
 * {@code Instant} per 64 KiB read) in {@code LogStoreThroughput}.
 */
public final class LogStore implements LogSink, AutoCloseable {

  private final Path root;
  private final ConcurrentHashMap<InstanceId, InstanceLog> logs = new ConcurrentHashMap<>();
  private final LogFlusher flusher;
  private final LogWriter writer = new LogWriter();
  private final LongAdder dropped = new LongAdder();
  private volatile IOException lastError;
  private volatile boolean closed;

  /** A store under {@code root} ({@code $STACK_HOME/logs}); quiet buffers are written out after 10 ms. */
  public LogStore(Path root) {
    this(root, 10);
  }

  /** A store whose quiet buffers are written out after {@code flushDelayMillis}. */
  public LogStore(Path root, long flushDelayMillis) {
    this.root = root;
    this.flusher = new LogFlusher(logs.values(), TimeUnit.MILLISECONDS.toNanos(flushDelayMillis), this::failed);
  }

  /** The folder holding one folder per stack. */
  public Path root() {
    return root;
  }

  /** Sets the rotation of an instance's file; it applies from its next line on. */
  public void configure(InstanceId id, LogSpec spec) {
    logs.compute(id, (k, log) -> {
      if (log == null) {
        return new InstanceLog(fileOf(k), spec, flusher::request, writer);
      }
      log.configure(spec);
      return log;
    });
  }

  @Override
  public void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
    InstanceLog log = logOf(id);
    if (log == null) {
      return;
    }
    try {
      log.line(stream, time.getEpochSecond() * 1000 + time.getNano() / 1_000_000, buf, off, len, partial);
    } catch (IOException e) {
      dropped.increment();
      failed(e);
    }
  }

  @Override
  public void lines(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len) {
    InstanceLog log = logOf(id);
    if (log == null) {
      return;
    }
    try {
      log.lines(stream, time.getEpochSecond() * 1000 + time.getNano() / 1_000_000, buf, off, len);
    } catch (IOException e) {
      dropped.increment();
      failed(e);
    }
  }

  /**
   * Writes everything buffered for the instance to its file and releases the file and buffer
   * (they are opened again by its next line). Call it when the instance has stopped: when this
   * returns, its last line is in the file.
   */
  public void flush(InstanceId id) {
    InstanceLog log = logs.get(id);
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Writes everything buffered for every instance to its file. */
  public void flush() {
    IOException first = null;
    for (InstanceLog log : logs.values()) {
      try {
        log.flush();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }

  /**
   * Empties the stored logs of the named services of a stack (all of its services when
   * {@code services} is empty), rotated files included: what {@code pm2 flush} does.
   */
  public void purge(String stack, Collection<String> services) {
    try {
      for (var e : logs.entrySet()) {
        if (e.getKey().stack().equals(stack) && (services.isEmpty() || services.contains(e.getKey().service()))) {
          e.getValue().purge();
        }
      }
      for (LogFiles.Instance instance : LogFiles.list(root, stack)) {
        if (services.isEmpty() || services.contains(instance.service())) {
          for (Path p : instance.files()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines dropped because they could not be written. */
  public long droppedLines() {
    return dropped.sum();
  }

  /** The last write error, if any. */
  public Optional<IOException> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Writes out every buffer and closes every file; lines that come later are dropped. */
  @Override
  public void close() {
    closed = true;
    flusher.close();
    for (InstanceLog log : logs.values()) {
      try {
        log.close();
      } catch (IOException e) {
        failed(e);
      }
    }
    writer.close();
  }

  /** The instance's writer, made on its first line; null (the line dropped) once the store is closed. */
  private InstanceLog logOf(InstanceId id) {
    if (closed) {
      dropped.increment();
      return null;
    }
    InstanceLog log = logs.get(id);
    return log != null ? log : logs.computeIfAbsent(id, k -> new InstanceLog(fileOf(k), LogSpec.DEFAULT, flusher::request, writer));
  }

  private Path fileOf(InstanceId id) {
    return LogFiles.current(root, id.stack(), id.service(), id.index());
  }

  private void failed(IOException e) {
    lastError = e;
  }
}
