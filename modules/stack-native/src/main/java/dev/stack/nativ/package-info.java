/**
 * The native-process backend (Linux; macOS would lack cgroups and needs other signal numbers).
 *
 * <p>How an instance runs, and why:
 *
 * <ul>
 *   <li>Start: util-linux {@code setsid} exec-s {@code /bin/sh -c PROLOGUE}, which opens the
 *       output FIFOs read-write, writes its own pid into the instance's cgroup, and exec-s the
 *       argv (through {@code setpriv} for {@code user:}). The JDK's pid is the service's pid; it
 *       leads its own session and process group. Each exec costs a program load, so on a loaded
 *       host the start takes a few times a bare {@code ProcessBuilder} start
 *       ({@code -Djdk.lang.Process.launchMechanism=VFORK} in the agent saves the JDK's own helper
 *       exec).
 *   <li>Output: two named FIFOs per instance, which the service holds read-write: it never gets
 *       SIGPIPE (PM2 #5054) and only blocks while its 1 MiB pipe is full and nobody reads. The
 *       backend holds them read-write too while the instance runs, and a {@link
 *       dev.stack.nativ.FifoHolder} (the agent's watchdog) may hold them across agent restarts.
 *       One reader thread per stream splits lines (pieces of 1 MiB marked partial beyond that).
 *   <li>Exit: the JDK's exit value for a child (128 + n read as signal n, as shells do); for a
 *       re-adopted process, polling /proc (pid + start time) with the exit code reported unknown.
 *       PID 1 must reap re-adopted processes once they end (this host's init does; a zombie is
 *       still seen as ended).
 *   <li>Stop: the signal to every process of the process group, the cgroup and every descendant
 *       (remembered across polls, so a grandchild that called setsid is not lost when its parent
 *       dies), SIGKILL after the timeout; polled every 20 ms.
 *   <li>cgroups: v2 where its hierarchy has the memory controller, else v1; only where writable.
 *       Usage is read from /proc (OSHI was 20 to 40 times slower for the same tree here).
 * </ul>
 */
package dev.stack.nativ;
