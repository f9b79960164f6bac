package dev.stack.core.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the log store's files; needs nothing running. Records of every instance asked for come
 * merged in time order, long lines joined. With a tail, each instance is read from its end.
 */
public final class LogReader {

  /** How often {@link #follow} looks for new lines. */
  public static final long POLL_MILLIS = 50;

  private final Path root;

  /** A reader of the store under {@code root} ({@code $STACK_HOME/logs}). */
  public LogReader(Path root) {
    this.root = root;
  }

  /**
   * The records the query asks for, in time order. Close the stream (try-with-resources) when
   * not reading it to the end: it holds files open.
   */
  public Stream<LogRecord> read(LogQuery query) {
    return read(query, Map.of());
  }

  /**
   * The names of the instances with stored logs, as {@link LogRecord#displayName()} gives them,
   * in service then replica order: what a formatter pads to.
   */
  public List<String> displayNames(LogQuery query) {
    List<String> names = new ArrayList<>();
    for (LogFiles.Instance i : instances(query)) {
      names.add(new LogRecord(null, i.service(), i.index(), null, "").displayName());
    }
    return names;
  }

  /** The services of {@code stack} with stored logs, in service order. */
  public List<String> services(String stack) {
    Set<String> out = new LinkedHashSet<>();
    for (LogFiles.Instance i : LogFiles.list(root, stack)) {
      out.add(i.service());
    }
    return List.copyOf(out);
  }

  /**
   * Delivers what {@link #read} gives, then every new record as it is written (polling every
   * {@value #POLL_MILLIS} ms): across rotation, from instances that appear later, and from
   * instances restarted or recreated. Returns when {@code stop} says so (it is asked after each
   * poll) or the thread is interrupted.
   */
  public void follow(LogQuery query, Consumer<LogRecord> out, BooleanSupplier stop) {
    try (LogFollower follower = new LogFollower(root, query)) {
      try (Stream<LogRecord> initial = read(query, follower.start())) {
        initial.forEach(out);
      }
      while (!stop.getAsBoolean()) {
        follower.poll().forEach(out);
        if (stop.getAsBoolean() || !pause()) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<LogFiles.Instance> instances(LogQuery query) {
    List<LogFiles.Instance> out = new ArrayList<>();
    for (LogFiles.Instance i : LogFiles.list(root, query.stack())) {
      if (query.wants(i.service())) {
        out.add(i);
      }
    }
    return out;
  }

  /** As {@link #read(LogQuery)}, reading current files only up to the given limits. */
  Stream<LogRecord> read(LogQuery query, Map<Path, Long> limits) {
    List<LogFiles.Instance> instances = instances(query);
    if (query.tailPerService() >= 0) {
      return tails(query, instances, limits);
    }
    List<ForwardSource> sources = new ArrayList<>();
    for (LogFiles.Instance i : instances) {
      sources.add(new ForwardSource(i, limits.getOrDefault(i.current(), Long.MAX_VALUE), query));
    }
    Iterator<LogRecord> merged = new TimeMerge(sources);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED), false)
        .onClose(() -> sources.forEach(LogReader::closeQuietly));
  }

  private Stream<LogRecord> tails(LogQuery query, List<LogFiles.Instance> instances, Map<Path, Long> limits) {
    int n = query.tailPerService();
    Map<String, List<Iterator<LogRecord>>> byService = new LinkedHashMap<>();
    try {
      for (LogFiles.Instance i : instances) {
        long limit = limits.getOrDefault(i.current(), Long.MAX_VALUE);
        byService.computeIfAbsent(i.service(), s -> new ArrayList<>())
            .add(TailReader.tail(i, limit, query, n).iterator());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Iterator<LogRecord>> services = new ArrayList<>();
    for (List<Iterator<LogRecord>> replicas : byService.values()) {
      List<LogRecord> merged = new ArrayList<>();
      new TimeMerge(replicas).forEachRemaining(merged::add);
      services.add(merged.subList(Math.max(0, merged.size() - n), merged.size()).iterator());
    }
    Iterator<LogRecord> merged = new TimeMerge(services);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED), false);
  }

  private static void closeQuietly(ForwardSource source) {
    try {
      source.close();
    } catch (IOException ignored) {
      // read-only channel
    }
  }

  /** Waits one poll interval; false when interrupted (which ends following). */
  private static boolean pause() {
    try {
      Thread.sleep(POLL_MILLIS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
