package dev.stack.docker;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Build;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.RestartPolicy;
import dev.stack.model.Security;
import dev.stack.model.Service;
import dev.stack.model.StopSpec;
import dev.stack.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service definition for tests, with the defaults of a stack file and fields set one by one. */
final class TestServices {

  String name;
  String image = TestImages.BUSYBOX;
  Build build;
  List<String> command = List.of();
  List<String> entrypoint = List.of();
  Map<String, String> env = new LinkedHashMap<>();
  List<Port> ports = new ArrayList<>();
  List<Volume> volumes = new ArrayList<>();
  RestartPolicy restart = new RestartPolicy(RestartPolicy.Policy.NO, 10, java.time.Duration.ofMillis(100),
      java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1), null);
  StopSpec stop = new StopSpec("TERM", java.time.Duration.ofSeconds(10));
  Resources resources = Resources.NONE;
  Security security = Security.NONE;
  String user;
  String workdir;
  String publishAddress = "127.0.0.1";
  String specHash = "h1";
  Path runDir;

  private TestServices(String name) {
    this.name = name;
  }

  static TestServices service(String name, String... command) {
    TestServices s = new TestServices(name);
    s.command = List.of(command);
    return s;
  }

  TestServices restart(RestartPolicy.Policy policy, int max) {
    restart = new RestartPolicy(policy, max, restart.backoff(), restart.maxBackoff(), restart.minUptime(), null);
    return this;
  }

  Service model() {
    return new Service(name, "docker", command, entrypoint, build == null ? image : null, build, workdir, Map.of(),
        List.of(), ports, volumes, Map.of(), null, restart, stop, resources, null, 1, user, security, true, null, null);
  }

  InstanceSpec spec(String stack) {
    return spec(stack, 1);
  }

  InstanceSpec spec(String stack, int index) {
    List<String> argv = new ArrayList<>(entrypoint);
    argv.addAll(command);
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("image", String.valueOf(image));
    definition.put("command", command);
    return new InstanceSpec(new InstanceId(stack, name, index), model(), argv, env, workdir, runDir, specHash,
        publishAddress, definition);
  }
}
