/**
 * The agent's own log, {@code agent.log}: an SLF4J provider of a few classes (the agent's code,
 * docker-java and JNA log through SLF4J) writing one line per event to a file rotated by size. Off
 * (every level disabled) until the agent opens its file, so the CLI, which shares the classpath,
 * never writes a log line to a user's terminal.
 */
package dev.stack.agent.log;
