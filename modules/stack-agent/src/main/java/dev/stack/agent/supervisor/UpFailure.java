package dev.stack.agent.supervisor;

import java.util.List;

/**
 * {@code up} could not bring an instance to the state asked for.
 *
 * @param instance the instance that failed ({@code api}, {@code api-2})
 * @param reason one line: why
 * @param lastLines its last log lines (at most 20)
 */
record UpFailure(String instance, String reason, List<String> lastLines) {}
