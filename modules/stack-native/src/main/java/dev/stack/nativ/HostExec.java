package dev.stack.nativ;

import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.InstanceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code exec} health probe of a native service: the command runs on the host, in the service's
 * folder and with its environment (what {@code stack diff} promises: "the exec probe runs on the
 * host"). Its output is not kept; only the exit code counts.
 */
final class HostExec {

  private HostExec() {}

  static int run(InstanceSpec spec, List<String> argv, Duration timeout) throws BackendException {
    Path workdir = Path.of(spec.workdir() == null ? System.getProperty("user.dir") : spec.workdir());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workdir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(spec.env());
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      throw new BackendException("cannot run " + argv.get(0) + ": " + e.getMessage(), null, false, e);
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly); // only what this probe started
        p.destroyForcibly();
        throw new BackendException("timed out after " + timeout.toMillis() + "ms", null, true);
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted", null, true, e);
    }
  }
}
