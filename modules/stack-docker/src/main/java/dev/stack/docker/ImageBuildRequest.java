package dev.stack.docker;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to build: a context folder, its Dockerfile, build arguments and image labels.
 *
 * @param name the image name without tag ({@code shop-api}); the tag comes from the content
 * @param context the build context folder
 * @param dockerfile the Dockerfile, relative to the context or absolute but inside it
 * @param args build arguments ({@code --build-arg})
 * @param labels labels on the image
 */
public record ImageBuildRequest(String name, Path context, Path dockerfile, Map<String, String> args,
    Map<String, String> labels) {

  public ImageBuildRequest {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains(":") || !name.equals(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("an image name is lower case and has no tag: " + name);
    }
    context = context.toAbsolutePath().normalize();
    dockerfile = context.resolve(dockerfile == null ? Path.of("Dockerfile") : dockerfile).normalize();
    if (!dockerfile.startsWith(context)) {
      throw new IllegalArgumentException("the Dockerfile " + dockerfile + " is outside the context " + context);
    }
    args = args == null ? Map.of() : new TreeMap<>(args);
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
  }

  /** A build of {@code context/Dockerfile} without arguments or labels. */
  public static ImageBuildRequest of(String name, Path context) {
    return new ImageBuildRequest(name, context, null, Map.of(), Map.of());
  }
}
