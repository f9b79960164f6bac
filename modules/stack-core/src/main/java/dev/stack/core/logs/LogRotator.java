package dev.stack.core.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rotation of an instance's full log file: {@code .log} becomes {@code .log.1} (the newest), the
 * rotated files move up by one, and the one beyond {@code keep} is deleted (docs/logs-format.md).
 */
final class LogRotator {

  private LogRotator() {}

  /**
   * Rotates {@code file}, which its writer has closed, keeping {@code keep} rotated files; with
   * {@code keep} 0 the full file is deleted. The writer then starts a new file.
   */
  static void rotate(Path file, int keep) throws IOException {
    for (int n = keep + 1; Files.deleteIfExists(LogFiles.rotated(file, n)); n++) {
      // a smaller keep than before: drop what is now beyond it
    }
    if (keep == 0) {
      Files.deleteIfExists(file);
    } else {
      for (int n = keep - 1; n >= 1; n--) {
        Path from = LogFiles.rotated(file, n);
        if (Files.exists(from)) {
          Files.move(from, LogFiles.rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, LogFiles.rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
