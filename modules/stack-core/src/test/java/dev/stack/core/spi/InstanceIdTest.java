package dev.stack.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceIdTest {

  @Test
  void idsOfTheSameInstanceAreEqualAndFindTheSameEntry() {
    InstanceId a = new InstanceId("shop", "api", 2);
    InstanceId b = new InstanceId(new String("shop"), new String("api"), 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    Map<InstanceId, String> logs = new HashMap<>();
    logs.put(a, "api-2.log");
    assertEquals("api-2.log", logs.get(b));
  }

  @Test
  void idsDifferingInStackServiceOrIndexDiffer() {
    InstanceId a = new InstanceId("shop", "api", 1);
    assertNotEquals(a, new InstanceId("blog", "api", 1));
    assertNotEquals(a, new InstanceId("shop", "web", 1));
    assertNotEquals(a, new InstanceId("shop", "api", 2));
    // the names do not run into each other: stack "a-b" service "c" is not stack "a" service "b-c"
    assertNotEquals(new InstanceId("a-b", "c", 1), new InstanceId("a", "b-c", 1));
    assertNotEquals(a, null);
    assertNotEquals(a, "shop-api-1");
  }

  @Test
  void namesAreWhatUsersSee() {
    assertEquals("api", new InstanceId("shop", "api", 1).displayName());
    assertEquals("api-3", new InstanceId("shop", "api", 3).displayName());
    assertEquals("shop-api-3", new InstanceId("shop", "api", 3).qualified());
    assertEquals("InstanceId[stack=shop, service=api, index=3]", new InstanceId("shop", "api", 3).toString());
  }

  @Test
  void anIdNeedsAllThreeParts() {
    assertThrows(IllegalArgumentException.class, () -> new InstanceId(null, "api", 1));
    assertThrows(IllegalArgumentException.class, () -> new InstanceId("shop", null, 1));
    assertThrows(IllegalArgumentException.class, () -> new InstanceId("shop", "api", 0));
  }
}
