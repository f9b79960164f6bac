package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import org.junit.jupiter.api.Test;

class LocalImagesTest {

  @Test
  void theEnginesJsonMessageIsTheReason() {
    assertEquals("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host",
        LocalImages.engineMessage(new InternalServerErrorException(
            "{\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io: no such host\"}\n")));
  }

  @Test
  void aMessageWithoutJsonIsTakenAsItIs() {
    assertEquals("Status 500: boom", LocalImages.engineMessage(new InternalServerErrorException("boom\n")));
  }
}
