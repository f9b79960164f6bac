package dev.stack.model;

import java.util.Map;

/**
 * How the container backend builds the image of a service.
 *
 * @param context the build context, an absolute path
 * @param dockerfile the Dockerfile, relative to the context ({@code Dockerfile} by default)
 * @param args build arguments
 * @param target the stage to build, or null
 */
public record Build(String context, String dockerfile, Map<String, String> args, String target) {

  public Build {
    if (context == null || context.isEmpty()) {
      throw new IllegalArgumentException("build needs a context");
    }
    dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
    args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
  }
}
