package dev.stack.agent.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's boot id: tells a restarted agent from a rebooted machine. {@code STACK_BOOT_ID}
 * overrides it, so a test can simulate a reboot (a machine here cannot really be rebooted).
 */
final class BootId {

  private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");

  /** Read once: it cannot change while this process lives, and state is saved often. */
  private static final String CURRENT = read();

  private BootId() {}

  static String current() {
    return CURRENT;
  }

  private static String read() {
    String simulated = System.getenv("STACK_BOOT_ID");
    if (simulated != null && !simulated.isBlank()) {
      return simulated;
    }
    try {
      return Files.readString(FILE).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
