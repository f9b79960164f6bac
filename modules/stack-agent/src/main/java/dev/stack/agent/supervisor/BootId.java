package dev.stack.agent.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's boot id: tells a restarted agent from a rebooted machine. */
final class BootId {

  private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");

  private BootId() {}

  static String current() {
    try {
      return Files.readString(FILE).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
