package dev.stack.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The local test images of {@code .ci/images}, built on demand when a developer lacks them. */
final class TestImages {

  static final String BUSYBOX = "stack-busybox:1";

  /**
   * An image no engine has, on a registry at 127.0.0.1:9 where nothing listens: its pull fails at
   * once, with no traffic off this machine (a plain name would send the engine to Docker Hub).
   */
  static String missing(String caseId) {
    return "127.0.0.1:9/stack-missing-" + caseId + ":1";
  }

  private TestImages() {
  }

  /** Makes sure {@link #BUSYBOX} exists, running its build script (quick, no registry) if not. */
  static synchronized void requireBusybox(DockerEngine engine) throws Exception {
    if (new LocalImages(engine).present(BUSYBOX)) {
      return;
    }
    Path script = repositoryRoot().resolve(".ci/images/busybox/build.sh");
    Process build = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!build.waitFor(120, TimeUnit.SECONDS) || build.exitValue() != 0) {
      throw new IllegalStateException("could not build " + BUSYBOX + " with " + script);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".ci/images"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no .ci/images above " + Path.of("").toAbsolutePath());
  }
}
