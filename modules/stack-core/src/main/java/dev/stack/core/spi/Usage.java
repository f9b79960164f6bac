package dev.stack.core.spi;

/**
 * Resource use of an instance's whole process tree (native) or container (docker).
 *
 * @param cpuPercent CPU use since the previous sample, in percent of one core (200 = two cores busy)
 * @param memoryBytes resident memory
 * @param processes processes counted
 */
public record Usage(double cpuPercent, long memoryBytes, int processes) {}
