package dev.stack.core.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the logs of a stack live: {@code ROOT/<stack>/<service>-<index>.log}, and the rotated
 * {@code .log.1} (newest) to {@code .log.<keep>} (oldest) beside it.
 */
final class LogFiles {

  private static final Pattern NAME = Pattern.compile("(.+)-(\\d{1,9})\\.log(?:\\.(\\d{1,9}))?");

  /** The files of one instance, oldest first; the last is the current file (it may not exist). */
  record Instance(String service, int index, List<Path> files) {

    Path current() {
      return files.get(files.size() - 1);
    }
  }

  private LogFiles() {}

  static Path stackDir(Path root, String stack) {
    return root.resolve(stack);
  }

  static Path current(Path root, String stack, String service, int index) {
    return stackDir(root, stack).resolve(service + "-" + index + ".log");
  }

  static Path rotated(Path current, int n) {
    return current.resolveSibling(current.getFileName() + "." + n);
  }

  /** Every instance with files in the stack's folder, by service then index; none if it is absent. */
  static List<Instance> list(Path root, String stack) {
    Map<String, Map<Integer, TreeMap<Integer, Path>>> found = new TreeMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(stackDir(root, stack))) {
      for (Path p : dir) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          int generation = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
          found.computeIfAbsent(m.group(1), k -> new TreeMap<>())
              .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeMap<>(Comparator.reverseOrder()))
              .put(generation, p);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Instance> out = new ArrayList<>();
    found.forEach((service, byIndex) -> byIndex.forEach((index, generations) -> {
      List<Path> files = new ArrayList<>(generations.values());
      if (!generations.containsKey(0)) {
        files.add(current(root, stack, service, index));
      }
      out.add(new Instance(service, index, List.copyOf(files)));
    }));
    return out;
  }
}
