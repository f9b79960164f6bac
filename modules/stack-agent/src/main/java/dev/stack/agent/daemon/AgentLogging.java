package dev.stack.agent.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The agent's own log: {@code agent.log}, rotated at 10 MB into {@code agent.log.1..3}. Configured
 * in code, and only by the agent, so the CLI (which shares the classpath) never loads logback.
 *
 * <p>The agent names its log in a system property before logback starts; logback then finds
 * {@link AgentLogConfigurator} first (a service), which configures this and skips logback's own
 * search for XML files: that search, and Joran, would cost the agent a few hundred classes.
 */
final class AgentLogging {

  /** The system property through which the agent names its log file to the configurator. */
  static final String FILE_PROPERTY = "stack.agent.log";

  static final String MAX_SIZE = "10MB";
  static final int KEEP = 3;

  private AgentLogging() {}

  /** Sends every logger to {@code file}; {@code STACK_LOG_LEVEL} (default INFO) sets the level. */
  static void start(Path file) {
    System.setProperty(FILE_PROPERTY, file.toString());
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER) == null) {
      // logback was already running (an agent inside a test JVM): replace its configuration
      configure(ctx, file);
    }
  }

  private static final String APPENDER = "agent-log";

  /** Configures {@code ctx} to log to {@code file} only. */
  static void configure(LoggerContext ctx, Path file) {
    ctx.reset();

    AgentLogLayout layout = new AgentLogLayout();
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(ctx);
    appender.setName(APPENDER);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(ctx);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEEP);
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(ctx);
    trigger.setMaxFileSize(FileSize.valueOf(MAX_SIZE));
    trigger.start();

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.start();

    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("STACK_LOG_LEVEL"), Level.INFO));
    root.addAppender(appender);
  }

  /** Flushes and closes the appenders. */
  static void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
