package dev.stack.core.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Polls a stack's log files for what was appended since the last look. A followed file is held
 * open, so when it is rotated its last lines are still read from the renamed file; files rotated
 * in between two polls are read whole; a file that shrank was purged and is read from its start.
 * An idle poll costs one directory listing and one {@code stat} per instance.
 */
final class LogFollower implements Closeable {

  private final Path root;
  private final LogQuery query;
  private final Map<Path, Followed> followed = new HashMap<>();

  LogFollower(Path root, LogQuery query) {
    this.root = root;
    this.query = query;
  }

  /**
   * Opens every current file, noting where its complete lines end now; returns those ends, up to
   * which the first read must go so that nothing is delivered twice or skipped.
   */
  Map<Path, Long> start() throws IOException {
    Map<Path, Long> limits = new HashMap<>();
    for (LogFiles.Instance i : LogFiles.list(root, query.stack())) {
      if (query.wants(i.service())) {
        Followed f = new Followed(i);
        followed.put(i.current(), f);
        limits.put(i.current(), f.openAtEnd());
      }
    }
    return limits;
  }

  /** The records written since the last poll, in time order. */
  List<LogRecord> poll() throws IOException {
    List<LogRecord> batch = new ArrayList<>();
    for (LogFiles.Instance i : LogFiles.list(root, query.stack())) {
      if (query.wants(i.service()) && !followed.containsKey(i.current())) {
        followed.put(i.current(), new Followed(i)); // a new instance: read from its start
      }
    }
    for (Followed f : followed.values()) {
      f.poll(batch);
    }
    batch.sort(Comparator.comparing(LogRecord::time));
    return batch;
  }

  @Override
  public void close() throws IOException {
    for (Followed f : followed.values()) {
      f.closeChannel();
    }
  }

  /** One instance's current file. */
  private final class Followed {
    private final LogFiles.Instance instance;
    private final Path path;
    private List<LogRecord> target = new ArrayList<>();
    private boolean muted;
    private FileChannel channel;
    private Object key;
    private LineCursor cursor;
    private RecordParser parser;

    Followed(LogFiles.Instance instance) {
      this.instance = instance;
      this.path = instance.current();
    }

    /** Opens the file at the end of its complete lines, which it returns (0 when absent). */
    long openAtEnd() throws IOException {
      BasicFileAttributes a = attributes(path);
      if (a == null || !open(a)) {
        return 0;
      }
      long end = channel.size();
      long from = -1;
      for (long window = TailReader.FIRST_WINDOW; from < 0; window *= 2) {
        long start = Math.max(0, end - window);
        from = start == 0 ? 0 : TailReader.syncPoint(channel, start, end);
      }
      // parse silently from a clean start up to the end: the header and long line state carry on
      muted = true;
      cursor = new LineCursor(channel, from, end, TailReader.FIRST_WINDOW);
      cursor.readAll(parser);
      muted = false;
      return cursor.position();
    }

    void poll(List<LogRecord> out) throws IOException {
      target = out;
      BasicFileAttributes a = attributes(path);
      if (channel == null || a == null || !Objects.equals(a.fileKey(), key)) {
        if (channel != null) {
          cursor.limit(channel.size()); // the writer has finished with it: read it to its end
          cursor.readAll(parser);
          parser.finish();
          closeChannel();
        }
        if (key != null) {
          readRotatedSince(key);
        }
        if (a == null || !open(a)) {
          return;
        }
        cursor = new LineCursor(channel, 0, 0, TailReader.FIRST_WINDOW);
      } else if (a.size() < cursor.position()) {
        parser = newParser(); // emptied on purpose: start again
        cursor = new LineCursor(channel, 0, 0, TailReader.FIRST_WINDOW);
      }
      cursor.limit(channel.size());
      cursor.readAll(parser);
    }

    /**
     * Reads the files rotated after the one with {@code oldKey} (in between two polls), oldest
     * first, and remembers the newest as the last one read.
     */
    private void readRotatedSince(Object oldKey) throws IOException {
      List<Path> newer = new ArrayList<>();
      Object newest = null;
      for (int n = 1; ; n++) {
        Path p = LogFiles.rotated(path, n);
        BasicFileAttributes a = attributes(p);
        if (a == null || Objects.equals(a.fileKey(), oldKey)) {
          break;
        }
        newest = newest == null ? a.fileKey() : newest;
        newer.add(p);
      }
      Collections.reverse(newer);
      for (Path p : newer) {
        readWhole(p);
      }
      if (newest != null) {
        key = newest;
      }
    }

    private void readWhole(Path p) throws IOException {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        RecordParser whole = newParser();
        new LineCursor(ch, 0, ch.size(), TailReader.FIRST_WINDOW).readAll(whole);
        whole.finish();
      } catch (NoSuchFileException e) {
        // rotated out meanwhile
      }
    }

    private boolean open(BasicFileAttributes a) throws IOException {
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false;
      }
      BasicFileAttributes now = attributes(path);
      if (now == null || !Objects.equals(now.fileKey(), a.fileKey())) {
        closeChannel(); // rotated while opening: which file this is is unknown, look again next poll
        return false;
      }
      key = a.fileKey();
      parser = newParser();
      return true;
    }

    private RecordParser newParser() {
      return new RecordParser(new RecordFilter(query, instance.service(), instance.index(), r -> {
        if (!muted) {
          target.add(r);
        }
      }));
    }

    void closeChannel() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
