package dev.stack.agent.daemon;

import dev.stack.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The agent's own log: {@code agent.log}, rotated at 10 MB into {@code agent.log.1..3}, at the
 * level {@code STACK_LOG_LEVEL} names (default INFO). Until the agent opens it, SLF4J's loggers of
 * the jar write nowhere (see {@link dev.stack.agent.log}).
 */
final class AgentLogging {

  /** The environment variable that sets the level. */
  static final String LEVEL_ENV = "STACK_LOG_LEVEL";

  private AgentLogging() {}

  /** Sends every logger to {@code file} (in a test JVM, the last agent started wins). */
  static void start(Path file) throws IOException {
    AgentLog.open(file, System.getenv(LEVEL_ENV));
  }

  /** Closes the file. */
  static void stop() {
    AgentLog.close();
  }
}
