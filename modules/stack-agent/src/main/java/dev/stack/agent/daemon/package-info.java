/**
 * The agent process: {@link dev.stack.agent.daemon.AgentMain} (entry point, lock, pid file, log,
 * SIGTERM), {@link dev.stack.agent.daemon.AgentServer} (the control socket and the registry of
 * {@link dev.stack.agent.daemon.RequestHandler}s), {@link dev.stack.agent.daemon.AgentExtension}
 * (how the supervision code adds operations) and {@link dev.stack.agent.daemon.WatchdogFifoHolder}
 * (service FIFOs that survive an agent crash).
 *
 * <p>Process layout: {@code watchdog (bash) -> waiter (bash) -> agent (java) -> services}. The
 * watchdog restarts the agent within about a second of its death unless it stopped on request
 * (exit 0 or SIGTERM), and holds service FIFOs open meanwhile. The agent's exit code tells the
 * watchdog what to do: see the {@code EXIT_} constants of {@link dev.stack.agent.daemon.AgentMain}.
 */
package dev.stack.agent.daemon;
