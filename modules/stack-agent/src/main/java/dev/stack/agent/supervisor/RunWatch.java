package dev.stack.agent.supervisor;

import dev.stack.core.health.HealthMonitor;
import dev.stack.core.health.HttpProbe;
import dev.stack.core.health.LogProbe;
import dev.stack.core.health.Probe;
import dev.stack.core.health.ProbeResult;
import dev.stack.core.health.TcpProbe;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.Running;
import dev.stack.core.spi.Usage;
import dev.stack.model.ByteSize;
import dev.stack.model.Health;
import dev.stack.model.Port;
import dev.stack.model.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What watches one run of an instance besides its exit: its health probe, and with
 * {@code restart.max_memory} the memory of its whole tree. Started when a run starts or is
 * adopted, stopped when it ends; a stopped watch keeps its probe's last results ({@code describe}).
 */
final class RunWatch {

  /** How often {@code restart.max_memory} is checked (PM2 checks every 30 s). */
  static final Duration MEMORY_CHECK = Duration.ofSeconds(2);

  /** Null without a health check. */
  private final HealthMonitor monitor;
  /** Null without {@code max_memory}. */
  private final ScheduledFuture<?> memoryWatch;

  private RunWatch(HealthMonitor monitor, ScheduledFuture<?> memoryWatch) {
    this.monitor = monitor;
    this.memoryWatch = memoryWatch;
  }

  /**
   * Starts watching run {@code r} of instance {@code index} of {@code service}.
   *
   * @param logProbe the run's log probe (a {@code log} health check reads its output), or null
   * @param onHealth hears every change of health
   * @param overMemory hears why (on the timer's thread) each time the tree uses more than {@code max_memory}
   */
  static RunWatch start(Service service, int index, Running r, LogProbe logProbe, ScheduledExecutorService timer,
      Runnable onHealth, Consumer<String> overMemory) {
    HealthMonitor monitor = null;
    Health h = service.health();
    if (h != null) {
      monitor = new HealthMonitor(h, probe(h, probePort(service, index), r, logProbe), timer, s -> onHealth.run());
      monitor.start(Instant.now());
    }
    ByteSize max = service.restart().maxMemory();
    ScheduledFuture<?> memoryWatch = max == null ? null : timer.scheduleWithFixedDelay(() -> {
      long used = r.usage().map(Usage::memoryBytes).orElse(0L);
      if (used > max.bytes()) {
        overMemory.accept("max_memory " + max + " exceeded: " + (used >> 20) + "m");
      }
    }, MEMORY_CHECK.toMillis(), MEMORY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    return new RunWatch(monitor, memoryWatch);
  }

  /**
   * The port a probe of instance {@code index} reaches: on native, a replica's own port of a range
   * when the check names the range's first port (replica 2 of {@code 9100-9102} is probed on 9101,
   * the port it binds, not on replica 1's); else the check's port.
   */
  static int probePort(Service service, int index) {
    int port = service.health().port();
    if ("native".equals(service.backend())) {
      for (Port p : service.ports()) {
        if (p.containerPort() == port) {
          return p.instancePort(index);
        }
      }
    }
    return port;
  }

  private static Probe probe(Health h, int port, Running r, LogProbe logProbe) {
    return switch (h.kind()) {
      case HTTP -> new HttpProbe(r.probeHost(), port, h.target());
      case TCP -> new TcpProbe(r.probeHost(), port);
      case LOG -> logProbe;
      case EXEC -> timeout -> {
        try {
          int code = r.exec(h.exec(), Duration.ofMillis(timeout));
          return new ProbeResult(Instant.now(), code == 0, "exit " + code);
        } catch (BackendException e) {
          return new ProbeResult(Instant.now(), false, e.getMessage());
        }
      };
    };
  }

  /** The health monitor, or null when the service has no health check. */
  HealthMonitor monitor() {
    return monitor;
  }

  void stop() {
    if (monitor != null) {
      monitor.stop();
    }
    if (memoryWatch != null) {
      memoryWatch.cancel(false);
    }
  }
}
