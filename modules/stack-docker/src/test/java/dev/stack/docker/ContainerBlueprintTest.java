package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.stack.core.spi.BackendException;
import dev.stack.model.ByteSize;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.RestartPolicy.Policy;
import dev.stack.model.Security;
import dev.stack.model.StopSpec;
import dev.stack.model.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerBlueprintTest {

  @Test
  void theWholeModelMapsOntoTheCreateCall() throws Exception {
    TestServices s = TestServices.service("api", "serve", "--port", "8080");
    s.entrypoint = List.of("/bin/app");
    s.env.put("DB_URL", "jdbc:postgresql://db:5432/shop");
    s.ports.add(new Port(null, 8080, 8080, 8080, 8080, "tcp"));
    s.ports.add(new Port("0.0.0.0", 9000, 9001, 7000, 7001, "udp"));
    s.ports.add(Port.of(5005));
    s.volumes.add(new Volume(Volume.Type.BIND, "/srv/conf", "/conf", true));
    s.volumes.add(new Volume(Volume.Type.VOLUME, "data", "/data", false));
    s.resources = new Resources(ByteSize.ofMegabytes(256), 1.5, 64);
    s.security = new Security(true, List.of("ALL"), List.of("NET_BIND_SERVICE"), true, List.of("/tmp"));
    s.stop = new StopSpec("INT", Duration.ofMillis(2500));
    s.user = "1000:1000";
    s.workdir = "/app";
    s.restart(Policy.ON_FAILURE, 5);

    ContainerBlueprint b = ContainerBlueprint.of(s.spec("shop"), "shop-api:abc", "stack-shop", Map.of());

    assertEquals("shop-api-1", b.name());
    assertEquals(List.of("/bin/app"), b.entrypoint());
    assertEquals(List.of("serve", "--port", "8080"), b.cmd());
    assertEquals(List.of("DB_URL=jdbc:postgresql://db:5432/shop"), b.env());
    assertEquals("/app", b.workdir());
    assertEquals("1000:1000", b.user());
    assertEquals("SIGINT", b.stopSignal());
    assertEquals(3, b.stopTimeoutSeconds());
    assertEquals(List.of("api"), b.aliases());
    assertEquals("shop", b.labels().get(Labels.STACK));
    assertEquals("api", b.labels().get(Labels.SERVICE));
    assertEquals("api", b.labels().get(Labels.INSTANCE));
    assertEquals("h1", b.labels().get(Labels.SPEC_HASH));
    assertEquals("{\"image\":\"stack-busybox:1\",\"command\":[\"serve\",\"--port\",\"8080\"]}",
        b.labels().get(Labels.DEFINITION));
    assertEquals(List.of(ExposedPort.tcp(8080), ExposedPort.udp(7000), ExposedPort.udp(7001), ExposedPort.tcp(5005)),
        b.exposed());

    HostConfig h = b.host();
    Map<ExposedPort, Ports.Binding[]> bindings = h.getPortBindings().getBindings();
    assertArrayEquals(new Ports.Binding[] {Ports.Binding.bindIpAndPort("127.0.0.1", 8080)},
        bindings.get(ExposedPort.tcp(8080)));
    assertArrayEquals(new Ports.Binding[] {Ports.Binding.bindIpAndPort("0.0.0.0", 9001)},
        bindings.get(ExposedPort.udp(7001)));
    assertEquals(null, bindings.get(ExposedPort.tcp(5005)), "a port without a host part is not published");
    assertEquals("/srv/conf:/conf:ro", h.getBinds()[0].toString());
    assertEquals("shop_data:/data:rw", h.getBinds()[1].toString());
    assertEquals(256L << 20, h.getMemory());
    assertEquals(1_500_000_000L, h.getNanoCPUs());
    assertEquals(64L, h.getPidsLimit());
    assertEquals(List.of("no-new-privileges:true"), h.getSecurityOpts());
    assertArrayEquals(new Capability[] {Capability.ALL}, h.getCapDrop());
    assertArrayEquals(new Capability[] {Capability.NET_BIND_SERVICE}, h.getCapAdd());
    assertTrue(h.getReadonlyRootfs());
    assertEquals(Map.of("/tmp", ""), h.getTmpFs());
    assertTrue(h.getInit());
    assertEquals("on-failure:5", h.getRestartPolicy().toString());
    assertEquals("stack-shop", h.getNetworkMode());
    assertArrayEquals(new String[] {"host.docker.internal:host-gateway"}, h.getExtraHosts());
  }

  @Test
  void restartPoliciesBecomeDockersOwn() {
    assertEquals("unless-stopped", ContainerBlueprint.restartPolicy(
        TestServices.service("a").restart(Policy.ALWAYS, 10).restart).toString());
    assertEquals("no", ContainerBlueprint.restartPolicy(
        TestServices.service("a").restart(Policy.NO, 10).restart).toString());
    assertEquals("no", ContainerBlueprint.restartPolicy(
        TestServices.service("a").restart(Policy.ON_FAILURE, 0).restart).toString(),
        "Docker reads on-failure:0 as no limit");
  }

  @Test
  void anEmptyCommandKeepsTheImagesDefault() throws Exception {
    ContainerBlueprint b = ContainerBlueprint.of(TestServices.service("db").spec("shop"), "postgres:16", "stack-shop",
        Map.of());
    assertEquals(List.of(), b.cmd());
    assertEquals(List.of(), b.entrypoint());
    assertFalse(b.host().getReadonlyRootfs() != null && b.host().getReadonlyRootfs());
  }

  @Test
  void anUnknownCapabilityIsOneErrorNamingTheService() {
    TestServices s = TestServices.service("api");
    s.security = new Security(false, List.of("NOPE"), List.of(), false, List.of());
    BackendException e = assertThrows(BackendException.class,
        () -> ContainerBlueprint.of(s.spec("shop"), "i", "n", Map.of()));
    assertEquals("services.api.security: unknown capability 'NOPE'", e.getMessage());
    assertFalse(e.retryable());
  }
}
