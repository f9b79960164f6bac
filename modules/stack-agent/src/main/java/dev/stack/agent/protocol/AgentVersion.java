package dev.stack.agent.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The version a CLI and an agent compare: the project version plus the build time, so that any
 * rebuilt CLI restarts an agent running older code. The system property {@code stack.version}
 * overrides it (tests start agents "of another version" with it).
 */
public final class AgentVersion {

  /** The system property that overrides the built-in version. */
  public static final String PROPERTY = "stack.version";

  private static volatile String builtIn;

  private AgentVersion() {}

  /** This code's version. */
  public static String current() {
    String override = System.getProperty(PROPERTY);
    return override != null && !override.isBlank() ? override : builtIn();
  }

  /** The version stamped into this build, ignoring the override. */
  public static String builtIn() {
    String v = builtIn;
    if (v == null) {
      // the stack jar's manifest holds it too, read with the jar: a resource would be read through
      // a jar: URL, which opens the jar a second time (milliseconds of every CLI call at 18,000 entries)
      v = AgentVersion.class.getPackage().getImplementationVersion();
    }
    if (v == null) {
      try (InputStream in = AgentVersion.class.getResourceAsStream("version.txt")) {
        v = in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        v = "dev";
      }
      builtIn = v;
    }
    return v;
  }
}
