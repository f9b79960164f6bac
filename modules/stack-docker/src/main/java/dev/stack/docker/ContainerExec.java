package dev.stack.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code docker exec}: a command run inside a running container, for exec health probes. */
final class ContainerExec {

  private ContainerExec() {
  }

  /**
   * Runs {@code argv} in the container and returns its exit code; its output is discarded.
   *
   * @throws BackendException when it does not finish within {@code timeout} (retryable), or the
   *     container is not running
   */
  static int run(DockerEngine engine, String containerId, String name, List<String> argv, Duration timeout)
      throws BackendException {
    try {
      String execId = engine.client().execCreateCmd(containerId).withCmd(argv.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      try (ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>()) {
        engine.streaming().execStartCmd(execId).exec(output);
        if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new BackendException("exec in " + name + " did not finish within " + timeout.toMillis() + " ms: "
              + String.join(" ", argv), null, true);
        }
      }
      Long code = engine.client().inspectExecCmd(execId).exec().getExitCodeLong();
      if (code == null) {
        throw new BackendException("exec in " + name + " ended without an exit code: " + String.join(" ", argv),
            null, true);
      }
      return code.intValue();
    } catch (NotFoundException | ConflictException e) {
      throw new BackendException("cannot exec in " + name + ": it is not running", null, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted during exec in " + name, null, true, e);
    } catch (IOException e) {
      throw new BackendException("exec in " + name + " failed: " + e.getMessage(), null, true, e);
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "exec in " + name, e);
    }
  }
}
