/**
 * The wire protocol between the {@code stack} CLI and the per-user agent, and where the two meet
 * ({@link dev.stack.agent.protocol.StackHome}).
 *
 * <h2>Transport</h2>
 * A Unix domain socket, {@code $STACK_HOME/agent.sock}, mode 0600 in a 0700 folder. The agent also
 * checks the peer's uid ({@code SO_PEERCRED}) and answers any other user with an error. Every
 * message is one JSON object on one line (UTF-8, ended by {@code \n}; JSON escapes every control
 * character, so a line never contains a raw newline). A connection carries any number of requests,
 * one after the other; each gets its whole answer before the next is read.
 *
 * <h2>Request</h2>
 * <pre>{"op": "up", "version": "0.1.0-SNAPSHOT+2026-11-26T05:12:00Z", "cwd": "/home/me/shop", "args": {...}}</pre>
 * {@code version} is the CLI's {@link dev.stack.agent.protocol.AgentVersion}. An agent of another
 * version answers every op except {@code ping} and {@code shutdown} with the error reason
 * {@code version-mismatch}, without doing anything; the client then restarts the agent (services
 * keep running) and sends the request again.
 *
 * <h2>Answer</h2>
 * Zero or more event lines, then exactly one final line:
 * <pre>
 * {"event": "progress", ...}                     any number, in order; fields depend on the event
 * {"result": {...}}                              success
 * {"error": {"message": "...", "hint": "...", "exit": 1, "reason": "..."}}   failure
 * </pre>
 * {@code message} is one line without the {@code error: } prefix; {@code hint} is optional;
 * {@code exit} is the exit code the CLI should end with (1 the operation failed, 2 bad usage);
 * {@code reason} is optional and machine-readable ({@code version-mismatch}, {@code forbidden},
 * {@code unknown-op}, {@code bad-request}, {@code internal}).
 *
 * <h2>Built-in operations</h2>
 * <ul>
 *   <li>{@code ping}: {@code {"version", "pid", "uptimeMs", "rssBytes", "home"}}.
 *   <li>{@code shutdown} with optional {@code {"upgrade": true}}: answers {@code {"pid": N}},
 *       then the agent stops; services keep running. Without {@code upgrade} the watchdog does not
 *       start it again; with it, the watchdog starts the agent command the client wrote to
 *       {@code $STACK_HOME/agent.cmd} at once.
 * </ul>
 */
package dev.stack.agent.protocol;
