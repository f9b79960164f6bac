/**
 * The CLI's side: {@link dev.stack.agent.client.AgentClient} connects to the agent, starting it
 * (under the watchdog, detached with {@code setsid}) when needed and replacing one of another
 * version; {@link dev.stack.agent.client.AgentLaunch} says with which java, classpath and flags.
 * Nothing here loads logging, Docker or OSHI classes: every CLI call pays for what it loads.
 */
package dev.stack.agent.client;
