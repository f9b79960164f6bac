package dev.stack.agent.supervisor;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendLoader;
import dev.stack.nativ.FifoHolder;
import dev.stack.nativ.NativeBackend;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The agent's backends by name, made on first use: a stack that runs only natively never loads
 * Docker classes. The native backend gets the watchdog's FIFO holder; the others come from
 * {@link BackendLoader#load} (a {@link ServiceLoader}).
 */
final class Backends implements Function<String, Backend>, AutoCloseable {

  private final FifoHolder holder;
  private final Map<String, Backend> made = new ConcurrentHashMap<>();

  Backends(FifoHolder holder) {
    this.holder = holder;
  }

  @Override
  public Backend apply(String name) {
    return made.computeIfAbsent(name, this::make);
  }

  private Backend make(String name) {
    if ("native".equals(name)) {
      return new NativeBackend(holder);
    }
    for (ServiceLoader.Provider<Backend> p : BackendLoader.load().stream().toList()) {
      if (p.type() == NativeBackend.class) {
        continue;
      }
      Backend b = p.get();
      if (b.name().equals(name)) {
        return b;
      }
      b.close();
    }
    throw new IllegalArgumentException("no backend named '" + name + "' in this build");
  }

  /** The backends made so far. */
  Map<String, Backend> made() {
    return Map.copyOf(made);
  }

  @Override
  public void close() {
    made.values().forEach(Backend::close);
  }
}
