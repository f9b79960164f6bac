package dev.stack.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.ExecRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code docker exec}: a command run inside a running container, for exec health probes and {@code stack exec}. */
final class ContainerExec {

  private ContainerExec() {
  }

  /**
   * {@code stack exec}: runs the command in its container attached to {@code in}, {@code out} and
   * {@code err} (with a terminal, both outputs come as one stream, to {@code out}), and returns its
   * exit code once it ends.
   */
  static int attached(DockerEngine engine, ExecRequest r, InputStream in, OutputStream out, OutputStream err)
      throws BackendException {
    String command = String.join(" ", r.argv());
    try {
      ExecCreateCmd create = engine.client().execCreateCmd(r.container()).withCmd(r.argv().toArray(String[]::new))
          .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withTty(r.tty());
      if (!r.env().isEmpty()) {
        create.withEnv(r.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      }
      if (r.workdir() != null) {
        create.withWorkingDir(r.workdir());
      }
      if (r.user() != null) {
        create.withUser(r.user());
      }
      String execId = create.exec().getId();
      Runnable resize = () -> {
        if (r.tty() && r.columns() > 0 && r.rows() > 0) {
          try {
            engine.client().resizeExecCmd(execId).withSize(r.rows(), r.columns()).exec();
          } catch (RuntimeException e) {
            // ended already, or an engine that does not resize: the default 80x24 stays
          }
        }
      };
      if (ExecStream.reaches(engine.host())) {
        ExecStream.run(engine.host(), execId, r.tty(), in, out, err, resize);
        return exitCode(engine, execId, r, command);
      }
      // a TLS engine: docker-java's stream, whose stdin never ends (a command reading to its end waits)
      try (ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
          OutputStream to = frame.getStreamType() == StreamType.STDERR ? err : out;
          try {
            to.write(frame.getPayload());
            to.flush();
          } catch (IOException e) {
            // the caller's output went away (a closed pipe): the command runs on to its end
          }
        }
      }) {
        engine.streaming().execStartCmd(execId).withTty(r.tty()).withStdIn(in).exec(output);
        resize.run();
        output.awaitCompletion();
      }
      return exitCode(engine, execId, r, command);
    } catch (NotFoundException | ConflictException e) {
      throw new BackendException("cannot exec in " + r.container() + ": it is not running", "start it first", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted during exec in " + r.container(), null, false, e);
    } catch (IOException e) {
      throw new BackendException("exec in " + r.container() + " failed: " + e.getMessage(), null, false, e);
    } catch (RuntimeException e) {
      throw EngineFailures.of(engine, "exec in " + r.container(), e);
    }
  }

  private static int exitCode(DockerEngine engine, String execId, ExecRequest r, String command) throws BackendException {
    Long code = engine.client().inspectExecCmd(execId).exec().getExitCodeLong();
    if (code == null) {
      throw new BackendException("exec in " + r.container() + " ended without an exit code: " + command, null, false);
    }
    return code.intValue();
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
