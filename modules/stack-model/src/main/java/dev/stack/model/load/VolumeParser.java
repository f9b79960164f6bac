package dev.stack.model.load;

import dev.stack.model.Volume;
import java.nio.file.Path;

/**
 * Mounts as written in stack files: {@code "SOURCE:TARGET[:ro|rw]"}. A source starting with
 * {@code .}, {@code /} or {@code ~} is a bind mount, resolved against the stack's folder ({@code ~}
 * against the user's home); any other source names a volume.
 */
public final class VolumeParser {

  private static final String EXPECTED = "a mount like \"./data:/data\" or \"pgdata:/var/lib/postgresql/data:ro\"";

  private VolumeParser() {}

  public static Volume parse(String text, Path stackDir) {
    String[] parts = text.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw BadValueException.expected(EXPECTED, text,
          parts.length == 1 ? "name the source too: SOURCE:" + text.strip() : null);
    }
    boolean readOnly = false;
    if (parts.length == 3) {
      if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
        throw BadValueException.expected("ro or rw after the target", text, null);
      }
      readOnly = parts[2].equals("ro");
    }
    String source = parts[0];
    String target = parts[1];
    if (source.isEmpty() || !target.startsWith("/")) {
      throw BadValueException.expected(EXPECTED, text, target.startsWith("/") ? null : "the target is an absolute path inside the container");
    }
    if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
      return new Volume(Volume.Type.BIND, hostPath(stackDir, source).toString(), target, readOnly);
    }
    if (!source.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw BadValueException.expected("a volume name of letters, digits, '_', '.' and '-'", source,
          "a bind mount source starts with ./, / or ~");
    }
    return new Volume(Volume.Type.VOLUME, source, target, readOnly);
  }

  /** An absolute host path: {@code ~} means the user's home, relative paths the stack's folder. */
  public static Path hostPath(Path stackDir, String written) {
    if (written.equals("~") || written.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(written.substring(Math.min(2, written.length()))).normalize();
    }
    return stackDir.resolve(written).normalize();
  }
}
