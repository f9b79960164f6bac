package dev.stack.nativ;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What every test with real processes needs: a run folder, a backend, and no process left behind. */
abstract class ProcessTest {

  @TempDir
  Path tmp;

  final FifoHolder holder;
  final NativeBackend backend;
  final Started started = new Started();

  ProcessTest() {
    this(FifoHolder.NONE);
  }

  ProcessTest(FifoHolder holder) {
    this(holder, new NativeBackend(holder));
  }

  ProcessTest(NativeBackend backend) {
    this(FifoHolder.NONE, backend);
  }

  private ProcessTest(FifoHolder holder, NativeBackend backend) {
    this.holder = holder;
    this.backend = backend;
  }

  /** Waits until all output of {@code r} has reached its sink (its end is told before that). */
  static void drained(dev.stack.core.spi.Running r) throws Exception {
    ((NativeRunning) r).drained().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  @AfterEach
  void killWhatWasStarted() throws Exception {
    started.killAll();
    backend.close();
  }
}
