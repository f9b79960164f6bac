/**
 * The native-process backend (Linux; macOS would lack cgroups and needs other signal numbers).
 *
 * <p>How an instance runs, and why:
 *
 * <ul>
 *   <li>Start: posix_spawn(3) with {@code POSIX_SPAWN_SETSID} (its own session and process
 *       group), {@code /dev/null} and the output FIFOs (read-write) as fds 0..2, no other fd of
 *       the JVM, default signals, the workdir and exactly the instance's environment: one vfork
 *       and one exec, no JDK helper, no reaper thread. The service is born in its cgroup, so that
 *       limits hold and nothing escapes from its first fork: on v1 the spawning thread joins the
 *       cgroup for the spawn ({@link dev.stack.nativ.ThreadJoin}); where something must happen
 *       between fork and exec instead (joining on v2, a {@code setpriv} for {@code user:}),
 *       {@code /bin/sh -c PROLOGUE} does it and exec-s the argv. The pid spawned is the
 *       service's. Its output is read from right after the spawn (it waits in the pipes until then).
 *   <li>Output: two named FIFOs per instance, which the service holds read-write: it never gets
 *       SIGPIPE (PM2 #5054) and only blocks while its pipe is full and nobody reads (64 KiB; 1 MiB
 *       once a read found it full, see {@link dev.stack.nativ.Fifo#enlarge}). The
 *       backend holds them read-write too while the instance runs, and a {@link
 *       dev.stack.nativ.FifoHolder} (the agent's watchdog) may hold them across agent restarts.
 *       One {@link dev.stack.nativ.EventLoop} thread (epoll) reads every stream non-blocking and
 *       hands the sink the whole lines of each read as one run (found from its last
 *       {@code '\n'}, not byte by byte; pieces of 1 MiB marked partial beyond that), on that thread.
 *   <li>Exit: a pidfd per process on the same loop; a child is reaped with waitpid for its code
 *       or signal; a re-adopted process (pid + start time checked after the pidfd is open) is
 *       just gone, its exit code reported unknown, and PID 1 must reap it (this host's init
 *       does). The exit is told at once; output still held by descendants arrives after it,
 *       and {@code NativeRunning.drained()} completes once all of it has.
 *   <li>Stop: the signal to every process of the process group, the cgroup and every descendant
 *       (remembered across polls, so a grandchild that called setsid is not lost when its parent
 *       dies), SIGKILL after the timeout; polled every 20 ms.
 *   <li>cgroups: v2 where its hierarchy has the memory controller, else v1; only where writable.
 *       Usage is read from /proc (OSHI was 20 to 40 times slower for the same tree here).
 * </ul>
 */
package dev.stack.nativ;
