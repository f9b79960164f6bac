package dev.stack.nativ;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.ByteSize;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Instance specs for tests: a fresh run folder and a unique service name each. */
final class Specs {

  private static final AtomicInteger SEQ = new AtomicInteger();
  static final String STACK = "it" + ProcessHandle.current().pid();

  private final Path root;
  private Map<String, String> env = Map.of();
  private String workdir = "/";
  private String user;
  private Resources resources = Resources.NONE;
  private List<Port> ports = List.of();
  private int index = 1;

  Specs(Path root) {
    this.root = root;
  }

  Specs env(Map<String, String> env) {
    this.env = env;
    return this;
  }

  Specs workdir(String workdir) {
    this.workdir = workdir;
    return this;
  }

  Specs user(String user) {
    this.user = user;
    return this;
  }

  Specs memory(String megabytes) {
    return resources(new Resources(ByteSize.ofMegabytes(Long.parseLong(megabytes)), null, null));
  }

  /** The service's ports, and which replica the spec is of. */
  Specs ports(List<Port> ports, int index) {
    this.ports = ports;
    this.index = index;
    return this;
  }

  Specs resources(Resources resources) {
    this.resources = resources;
    return this;
  }

  InstanceSpec sh(String script) {
    return of(List.of("sh", "-c", script));
  }

  InstanceSpec of(List<String> argv) {
    String name = "svc" + SEQ.incrementAndGet();
    Service service = new Service(name, "native", argv, List.of(), null, null, workdir, Map.of(), List.of(), ports,
        List.of(), Map.of(), null, null, null, resources, null, index, user, null, false, null, null);
    InstanceId id = new InstanceId(STACK, name, index);
    Path runDir = root.resolve(id.qualified());
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new InstanceSpec(id, service, argv, env, workdir, runDir, "hash");
  }
}
