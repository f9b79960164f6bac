package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.Running;
import dev.stack.core.testing.RequiresDocker;
import dev.stack.model.StopSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Compose anchor (BASELINE.md 7): {@code up -d} of 10 {@code sleep} containers takes Compose
 * about 2 s; stack's start of 10 in parallel must take at most 0.4 of that.
 */
@RequiresDocker
class DockerTimingIT {

  @RegisterExtension
  final BackendFixture f = new BackendFixture();
  private final ExecutorService pool = Executors.newFixedThreadPool(10);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void tenContainersStartInParallelWellWithinComposesTime() throws Exception {
    // warm up: one stack of one, started and removed (the first call in a JVM loads classes)
    String warm = f.stack("w");
    InstanceSpec w = TestServices.service("s0", "sleep", "100000").spec(warm);
    f.backend.prepare(w, line -> { });
    long t0 = System.nanoTime();
    Running one = f.backend.start(w, new RecordingSink());
    long startOne = ms(t0);
    one.stop(new StopSpec("KILL", Duration.ZERO));
    f.backend.discard(w);

    String stack = f.stack("t");
    List<InstanceSpec> specs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestServices s = TestServices.service("s" + i, "sleep", "100000");
      s.stop = new StopSpec("KILL", Duration.ofSeconds(10)); // as the anchor: sleep as PID 1 ignores TERM
      specs.add(s.spec(stack));
    }
    long t1 = System.nanoTime();
    all(specs, spec -> {
      f.backend.prepare(spec, line -> { });
      return null;
    });
    long prepareTen = ms(t1);
    long rawBefore = rawCreateAndStart(stack + "-before", "stack-" + stack);
    long t2 = System.nanoTime();
    List<Running> running = all(specs, spec -> f.backend.start(spec, new RecordingSink()));
    long startTen = ms(t2);
    long upTen = prepareTen + startTen;
    for (var spec : specs) {
      assertTrue(f.inspect(spec.id().qualified()).orElseThrow().getState().getRunning());
    }

    long rawAfter = rawCreateAndStart(stack + "-after", "stack-" + stack);
    t2 = System.nanoTime();
    List<Integer> codes = all(running, r -> r.stop(new StopSpec("KILL", Duration.ofSeconds(10))).code());
    long stopTen = ms(t2);
    long t3 = System.nanoTime();
    all(specs, spec -> {
      f.backend.discard(spec);
      return null;
    });
    f.backend.teardown(stack, false);
    long downRest = ms(t3);
    codes.forEach(c -> assertEquals(137, c));

    long raw = (rawBefore + rawAfter) / 2;
    System.out.printf("DockerTimingIT: start 1: %d ms; prepare+start 10 in parallel: %d ms (prepare %d ms, start %d ms; bare"
        + " docker-java create+start of 10 in parallel before/after: %d/%d ms); stop 10: %d ms; remove 10 + network:"
        + " %d ms%n", startOne, upTen, prepareTen, startTen, rawBefore, rawAfter, stopTen, downRest);
    // the goal is 0.4 of Compose's 2 s; on a loaded machine the engine alone may take longer than
    // that, so stack may then add at most a quarter to what the engine itself needs
    assertTrue(upTen <= 800 || startTen <= raw * 5 / 4,
        "10 containers took " + upTen + " ms to start; the engine alone " + raw + " ms; Compose about 2000 ms");
  }

  /** The engine's own cost: create and start of 10 labelled containers on the network, nothing else. */
  private long rawCreateAndStart(String prefix, String network) throws Exception {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      indexes.add(i);
    }
    long t = System.nanoTime();
    List<String> ids = all(indexes, i -> {
      String id = f.docker().createContainerCmd(TestImages.BUSYBOX).withName(prefix + "-" + i)
          .withCmd("sleep", "100000").withLabels(dev.stack.core.testing.DockerTestLabels.forCase(f.caseId))
          .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withInit(true)
              .withNetworkMode(network)).exec().getId();
      f.docker().startContainerCmd(id).exec();
      return id;
    });
    long took = ms(t);
    all(ids, id -> {
      f.docker().removeContainerCmd(id).withForce(true).exec();
      return null;
    });
    return took;
  }

  private <T, R> List<R> all(List<T> items, Task<T, R> task) throws Exception {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(pool.submit((Callable<R>) () -> task.run(item)));
    }
    List<R> results = new ArrayList<>();
    for (Future<R> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private interface Task<T, R> {
    R run(T item) throws Exception;
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
