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
    this.holder = holder;
    this.backend = new NativeBackend(holder);
  }

  @AfterEach
  void killWhatWasStarted() throws Exception {
    started.killAll();
    backend.close();
  }
}
