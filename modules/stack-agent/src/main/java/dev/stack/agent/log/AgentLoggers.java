package dev.stack.agent.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One {@link AgentLogger} per name. */
final class AgentLoggers implements ILoggerFactory {

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, AgentLogger::new);
  }

  /** A logger whose levels are {@link AgentLog}'s threshold; its lines name it by its simple name. */
  static final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final String simpleName;

    AgentLogger(String name) {
      this.name = name;
      this.simpleName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
      return AgentLog.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return AgentLog.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return AgentLog.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return AgentLog.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return AgentLog.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] arguments, Throwable thrown) {
      AgentLog.write(level, simpleName, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
    }
  }
}
