package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.Capabilities.Enforcement;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import dev.stack.model.ByteSize;
import dev.stack.model.Resources;
import dev.stack.model.StopSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host without usable cgroups: the process group and the descendants still catch the tree. */
class WithoutCgroupsIT extends ProcessTest {

  WithoutCgroupsIT() {
    super(new NativeBackend(FifoHolder.NONE, CgroupHost.none("no writable cgroup for uid 1000")));
  }

  @Test
  void stopStillReachesGrandchildrenThatIgnoreTermOrCalledSetsid() throws Exception {
    MarkedTree tree = new MarkedTree();
    CollectingSink sink = new CollectingSink();
    Running r = started.add(backend.start(tree.spec(new Specs(tmp),
        "sh -c \"$0\" child &",
        "sh -c 'sh -c \"$0\" grandchild & wait' \"$0\" &",
        "sh -c 'setsid sh -c \"$0\" setsid & wait' \"$0\" &"), sink));
    assertEquals(new Enforcement(false, "no writable cgroup for uid 1000"), r.enforcement());
    assertNull(r.handle().get("cgroup"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.count(Stream.OUT) == 3);
    List<Long> pids = tree.pids();
    assertTrue(pids.size() >= 8, "parent, 3 ignoring shells, their sleeps, 2 waiting shells: " + pids);

    assertEquals("KILL", r.stop(new StopSpec("TERM", Duration.ofSeconds(1))).signal());
    tree.assertAllGone(pids);
  }

  @Test
  void limitsThatCannotBeEnforcedAreSaidToBeNotEnforced() throws Exception {
    var spec = new Specs(tmp).resources(new Resources(ByteSize.ofMegabytes(64), null, null)).sh("echo ran");
    assertEquals(new Enforcement(false, "no writable cgroup for uid 1000"), backend.capabilities().resources());
    CollectingSink sink = new CollectingSink();
    Running r = started.add(backend.start(spec, sink));
    assertEquals(new Enforcement(false, "no writable cgroup for uid 1000"), r.enforcement());
    assertEquals(0, r.exit().get(10, java.util.concurrent.TimeUnit.SECONDS).code());
    drained(r);
    assertEquals(List.of("ran"), sink.lines(Stream.OUT));
  }
}
