package dev.stack.agent.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.file.Path;

/**
 * Logback's first configurator (a service): in the agent, which names its log before logback
 * starts, it sets up {@code agent.log} and stops logback's own search; anywhere else (tests) it
 * leaves logback to its defaults.
 */
public final class AgentLogConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    String file = System.getProperty(AgentLogging.FILE_PROPERTY);
    if (file == null) {
      // Not the agent: the CLI (foreground mode, diff) talks to Docker through docker-java, whose
      // logging must not reach the user's terminal. Tests that want logs configure their own.
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
    AgentLogging.configure(context, Path.of(file));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
