package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.InstanceId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupHostTest {

  private static final InstanceId WEB = new InstanceId("shop", "web", 2);

  @Test
  void anInstancesFolderNamesItsStackAndServiceAndWhichHomeRunsIt() {
    Path a = CgroupHost.folder(WEB, Path.of("/home/ann/.stack/run/shop/web-2"));
    assertEquals(Path.of("stack", "shop"), a.getParent());
    assertTrue(a.getFileName().toString().matches("web-2\\.[0-9a-f]{8}"), a.toString());
    assertEquals(a, CgroupHost.folder(WEB, Path.of("/home/ann/.stack/run/shop/./web-2")), "the same run folder");
    assertNotEquals(a, CgroupHost.folder(WEB, Path.of("/tmp/other-home/run/shop/web-2")), "another home");
  }
}
