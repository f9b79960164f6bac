package dev.stack.agent.supervisor;

import dev.stack.core.address.Addresses;
import dev.stack.core.spi.Backend;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.Running;
import dev.stack.core.status.State;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The run of a stack a previous agent ran, made again from its persisted state: its file loaded
 * again, and every instance that was running re-attached to (pid + start time, or container id) and
 * supervised again, crash restarts included; an instance whose process ended meanwhile gets its
 * restart policy applied. After a reboot nothing is started: the run is marked rebooted.
 */
final class Recovery {

  private final StateStore state;
  private final SpecFactory specs;
  private final Function<String, Backend> backends;
  private final LogSink logs;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;

  /** What a run and its instance supervisors are made with: the {@link Supervisor}'s own. */
  Recovery(StateStore state, SpecFactory specs, Function<String, Backend> backends, LogSink logs,
      ScheduledExecutorService timer, ExecutorService workers) {
    this.state = state;
    this.specs = specs;
    this.backends = backends;
    this.logs = logs;
    this.timer = timer;
    this.workers = workers;
  }

  /** The run of the stack persisted as {@code st} ({@link StateStore#snapshot}). */
  @SuppressWarnings("unchecked")
  StackRun stack(Map<String, Object> st) throws Addresses.UnresolvedReference {
    StackRequest request = RequestArgs.stackRequest((Map<String, Object>) st.get("request"));
    Stack loaded = Supervisor.load(request).stack();
    // the stack as it ran, under its name then, though its file may name it otherwise now (renamed
    // while it ran: its instances, cgroups, containers and logs are under the old name). Under the
    // file's new name, it replaced the stack of that name (which the same file started since) and
    // left that one's processes unsupervised
    String name = RequestArgs.str(st, "name");
    Stack stack = name == null || name.equals(loaded.name()) ? loaded : new Stack(name, loaded.file(),
        loaded.profile(), loaded.backend(), loaded.publishAddress(), loaded.services(), loaded.volumes());
    boolean rebooted = !BootId.current().equals(st.get("boot_id"));
    // left to resurrect in this boot: its native instances were stopped by 'daemon stop --services'
    boolean halted = !rebooted && Boolean.TRUE.equals(st.get("resurrect"));
    StackRun run = new StackRun(stack, request, backends, logs, timer, workers, state::save);
    run.rebooted(rebooted || halted);
    for (Object o : (List<Object>) st.get("instances")) {
      Map<String, Object> i = (Map<String, Object>) o;
      Service svc = stack.services().get(RequestArgs.str(i, "service"));
      if (svc == null || !svc.backend().equals(RequestArgs.str(i, "backend"))) {
        svc = Placeholders.service(RequestArgs.str(i, "service"), RequestArgs.str(i, "backend"));
      }
      int index = ((Number) i.get("index")).intValue();
      InstanceSpec fresh = specs.create(stack, svc, index, request.env());
      InstanceSpec spec = new InstanceSpec(fresh.id(), svc, fresh.argv(), fresh.env(), fresh.workdir(), fresh.runDir(),
          RequestArgs.str(i, "spec_hash"), fresh.publishAddress(),
          i.get("definition") instanceof Map<?, ?> d ? (Map<String, Object>) d : fresh.definition());
      InstanceSupervisor sup = new InstanceSupervisor(spec.id(), spec, backends.apply(svc.backend()), logs, timer,
          x -> state.save(run));
      run.put(spec.id().displayName(), sup);
      State was = State.of(RequestArgs.str(i, "state"));
      int restarts = ((Number) i.get("restarts")).intValue();
      Object since = i.get("started_at");
      Instant startedAt = since instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
      Map<String, Object> handle = (Map<String, Object>) i.get("handle");
      if (!was.active() && was != State.RESTARTING) {
        sup.restore(was, restarts, RequestArgs.str(i, "last_exit"));
      } else if (rebooted) {
        sup.restore(State.EXITED, restarts, "the host restarted");
      } else if (halted && "native".equals(svc.backend())) {
        sup.restore(State.EXITED, restarts, "stopped for a shutdown (daemon stop --services)");
      } else {
        Optional<Running> r = handle == null ? Optional.empty()
            : sup.backend().recover(
                new Handle(RequestArgs.str(handle, "backend"), (Map<String, String>) handle.get("fields")), spec,
                sup.sinkForAdoption(Boolean.TRUE.equals(i.get("log_matched"))));
        if (r.isPresent()) {
          sup.adopt(r.get(), startedAt, restarts);
        } else {
          sup.lostWhileAway(restarts, startedAt);
        }
      }
    }
    return run;
  }
}
