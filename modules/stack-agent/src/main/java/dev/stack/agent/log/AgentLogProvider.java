package dev.stack.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider in the stack jar (a service): loggers that write to {@link AgentLog}'s file, or
 * nowhere while none is open. In place of logback, whose start cost the agent about 350 classes
 * and 130-180 ms of a cold {@code stack up}; this needs a handful.
 */
public final class AgentLogProvider implements SLF4JServiceProvider {

  private final ILoggerFactory loggers = new AgentLoggers();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: the file is opened by the agent, when it knows its home
  }
}
