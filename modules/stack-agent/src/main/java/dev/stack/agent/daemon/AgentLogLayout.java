package dev.stack.agent.daemon;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/**
 * {@code 2026-11-26T05:53:13.866Z INFO  [thread] Logger: message}, then the stack trace if any.
 * Written by hand: logback's PatternLayout loads about a hundred converter classes into the agent.
 */
final class AgentLogLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(Instant.ofEpochMilli(event.getTimeStamp())).append(' ');
    String level = event.getLevel().toString();
    sb.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
    sb.append('[').append(event.getThreadName()).append("] ");
    String logger = event.getLoggerName();
    sb.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ");
    sb.append(event.getFormattedMessage()).append('\n');
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      sb.append(ThrowableProxyUtil.asString(thrown)).append('\n');
    }
    return sb.toString();
  }
}
