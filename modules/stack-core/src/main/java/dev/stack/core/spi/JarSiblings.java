package dev.stack.core.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code make build} and {@code make install} put beside {@code stack.jar} is named after it:
 * {@code X.jar} gives {@code X-agent.jsa}, {@code X-jna}, {@code X-backends}.
 */
public final class JarSiblings {

  private JarSiblings() {}

  /** {@code <jar without .jar><suffix>} beside {@code jar}; empty when it is not a {@code .jar}. Not checked to exist. */
  public static Optional<Path> of(Path jar, String suffix) {
    Path name = jar.getFileName();
    if (name == null || !name.toString().endsWith(".jar")) {
      return Optional.empty();
    }
    String base = name.toString();
    return Optional.of(jar.resolveSibling(base.substring(0, base.length() - ".jar".length()) + suffix));
  }
}
