package dev.stack.agent.daemon;

/**
 * Adds operations to the agent. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.stack.agent.daemon.AgentExtension}) when the agent starts.
 */
public interface AgentExtension {

  /**
   * Registers handlers on the server before it accepts connections; may also start what the
   * handlers need (re-adopting services, for instance).
   */
  void configure(AgentServer server) throws Exception;
}
