package dev.stack.core.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds the {@link Backend}s of this build. A packaged build keeps the backends that need large
 * libraries (Docker's: docker-java, Jackson, Guava, Bouncy Castle, httpclient5, 14,000 of the
 * 18,400 entries the one jar had) out of {@code stack.jar}, in a folder beside it
 * ({@code stack.jar} gives {@code stack-backends/}), read by a class loader of their own only
 * when a backend is looked for: every JVM of stack opens its jar as it starts (reading the
 * central directory of the large one cost ~15 ms), and most commands and native stacks never
 * look. Without that folder (tests, an IDE) the backends come from the class path.
 */
public final class BackendLoader {

  /** The folder beside {@code X.jar}: {@code X-backends}. */
  public static final String FOLDER_SUFFIX = "-backends";

  private BackendLoader() {}

  /** The backends found, in no particular order. */
  public static ServiceLoader<Backend> load() {
    return ServiceLoader.load(Backend.class, Holder.LOADER);
  }

  /** Made once, on first use: the folder does not change while a process runs. */
  private static final class Holder {
    static final ClassLoader LOADER = loaderFor(folderBeside(Backend.class), Backend.class.getClassLoader());
  }

  /**
   * A loader of every jar in {@code folder} (sorted by name), whose parent is {@code parent}; or
   * {@code parent} itself when there is no such folder.
   */
  static ClassLoader loaderFor(Optional<Path> folder, ClassLoader parent) {
    if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder.get())) {
      for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the backends in " + folder.get(), e);
    }
    return new URLClassLoader("stack-backends", jars.toArray(URL[]::new), parent);
  }

  /** {@code X-backends} beside the jar {@code X.jar} that holds {@code type}; empty when it is not in a jar. */
  static Optional<Path> folderBeside(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return JarSiblings.of(Path.of(source.getLocation().toURI()), FOLDER_SUFFIX);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
