package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.Running;
import dev.stack.model.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** cgroups: the host here (root, v1 controllers) can enforce; another user cannot, and is told so. */
class CgroupIT extends ProcessTest {


  private static boolean root() {
    return LibC.INSTANCE.geteuid() == 0;
  }

  @Test
  void aServicePastItsMemoryLimitIsKilledAndTheReasonSaysSo() throws Exception {
    assumeTrue(root(), "cgroups need root here; the not-enforced case is tested as nobody");
    InstanceSpec spec = new Specs(tmp).memory("32").sh("x=$(head -c 64m /dev/zero | tr '\\0' a); echo survived; sleep 5");
    Running r = started.add(backend.start(spec, new CollectingSink()));
    assertTrue(r.enforcement().enforced(), r.enforcement().toString());
    Path dir = InstanceCgroup.decode(r.handle().get("cgroup")).orElseThrow().memoryDir();
    assertEquals(Long.toString(32L << 20), Files.readString(dir.resolve("memory.limit_in_bytes")).trim());
    ExitStatus s = r.exit().get(30, TimeUnit.SECONDS);
    assertEquals("KILL", s.signal());
    assertEquals("memory limit 32m exceeded", s.reason());
    assertEquals("killed by KILL (memory limit 32m exceeded)", s.describe());
    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir)); // removed once the instance ended
  }

  @Test
  void theCgroupOfAnInstanceThatEndedJustBeforeTheAgentStopsIsRemovedToo() throws Exception {
    assumeTrue(root(), "cgroups need root here");
    InstanceSpec spec = new Specs(tmp).resources(new Resources(null, null, 64)).sh("exit 0");
    Running r = started.add(backend.start(spec, new CollectingSink()));
    InstanceCgroup cg = InstanceCgroup.decode(r.handle().get("cgroup")).orElseThrow();
    assertEquals(0, r.exit().get(30, TimeUnit.SECONDS).code());
    backend.close(); // within the second an ended instance's cgroup waits for a restart
    for (Path dir : cg.dirs().values()) {
      assertTrue(!Files.exists(dir), dir + " is left behind");
    }
  }

  @Test
  void cpuAndPidsLimitsAreWritten() throws Exception {
    assumeTrue(root(), "cgroups need root here");
    InstanceSpec spec = new Specs(tmp).resources(new Resources(null, 0.5, 64)).of(List.of("sleep", "300"));
    Running r = started.add(backend.start(spec, new CollectingSink()));
    InstanceCgroup cg = InstanceCgroup.decode(r.handle().get("cgroup")).orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> cg.procs().equals(List.of((int) r.pid()))); // joined before exec
    if (cg.version() == 1) {
      assertEquals("50000", Files.readString(cg.dirs().get("cpu").resolve("cpu.cfs_quota_us")).trim());
      assertEquals("64", Files.readString(cg.dirs().get("pids").resolve("pids.max")).trim());
    } else {
      assertEquals("50000 100000", Files.readString(cg.memoryDir().resolve("cpu.max")).trim());
    }
  }

  @Test
  void whatAServiceForksAtOnceIsInItsCgroupsToo() throws Exception {
    assumeTrue(root(), "cgroups need root here");
    forksAtOnceAndStaysInside(backend);
  }

  @Test
  void whatAServiceForksAtOnceIsInItsCgroupsThroughTheShellPrologueToo() throws Exception {
    assumeTrue(root(), "cgroups need root here");
    // how cgroup v2 hosts join (and v1 ones, if the thread cannot)
    System.setProperty(CgroupHost.JOIN_PROPERTY, "shell");
    CgroupHost shell;
    try {
      shell = CgroupHost.detect();
    } finally {
      System.clearProperty(CgroupHost.JOIN_PROPERTY);
    }
    assertTrue(shell.threadJoin().isEmpty());
    NativeBackend viaShell = new NativeBackend(FifoHolder.NONE, shell);
    try {
      forksAtOnceAndStaysInside(viaShell);
    } finally {
      viaShell.close();
    }
  }

  @Test
  void onV1TheServiceIsBornInItsCgroupAndTheSpawningThreadGoesBack() throws Exception {
    assumeTrue(root(), "cgroups need root here");
    Running r = started.add(backend.start(new Specs(tmp).resources(new Resources(null, 0.5, 64))
        .of(List.of("sleep", "300")), new CollectingSink()));
    InstanceCgroup cg = InstanceCgroup.decode(r.handle().get("cgroup")).orElseThrow();
    assumeTrue(cg.version() == 1, "cgroup v2 joins through the prologue");
    assertEquals(3, cg.dirs().size(), cg.dirs().toString()); // memory, cpu, pids
    for (Path dir : cg.dirs().values()) {
      // read raw: only the service, and never this JVM (whose thread spawned it from inside)
      assertEquals(List.of(Long.toString(r.pid())), Files.readAllLines(dir.resolve("cgroup.procs")), dir.toString());
    }
    String own = Files.readString(Path.of("/proc/self/cgroup"));
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          assertEquals(own, Files.readString(task.resolve("cgroup")), "thread " + task.getFileName() + " of this JVM");
        } catch (java.nio.file.NoSuchFileException ended) {
          // a thread that ended meanwhile
        }
      }
    }
  }

  private void forksAtOnceAndStaysInside(NativeBackend backend) throws Exception {
    String tag = Long.toString(ProcessHandle.current().pid());
    // forks at once, once through a child that exits (its child is reparented), then execs
    InstanceSpec spec = new Specs(tmp).resources(new Resources(null, null, 64))
        .sh("(setsid sleep 3001" + tag + " &); sleep 3002" + tag + " & exec sleep 3003" + tag);
    Running r = started.add(backend.start(spec, new CollectingSink()));
    InstanceCgroup cg = InstanceCgroup.decode(r.handle().get("cgroup")).orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> sleepsTagged(tag).size() == 3);
    List<Integer> sleeps = sleepsTagged(tag);
    assertTrue(sleeps.contains((int) r.pid()), sleeps + " should hold the service's own pid " + r.pid());
    for (Path dir : cg.dirs().values()) {
      List<Integer> inside = Files.readAllLines(dir.resolve("cgroup.procs")).stream().map(Integer::parseInt).sorted().toList();
      assertEquals(sleeps, inside, dir.toString());
    }
    r.stop(new dev.stack.model.StopSpec("KILL", Duration.ofSeconds(1)));
    assertEquals(List.of(), sleepsTagged(tag), "stop ends every process of the cgroup");
  }

  /** Live processes running {@code sleep 300N<tag>}, sorted. */
  private static List<Integer> sleepsTagged(String tag) throws IOException {
    List<Integer> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmd = Files.readString(p.resolve("cmdline"));
          if (cmd.matches("sleep\\x00300[123]" + tag + "\\x00") && ProcStat.read(Integer.parseInt(name)).filter(s -> !s.ended()).isPresent()) {
            found.add(Integer.parseInt(name));
          }
        } catch (IOException gone) {
          // ended meanwhile
        }
      }
    }
    found.sort(null);
    return found;
  }

  @Test
  void anotherUserIsToldLimitsAreNotEnforcedAndWhy() throws Exception {
    assumeTrue(root(), "needs root to run a step as nobody");
    Path cp = Files.createDirectory(tmp.resolve("cp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> entries = new ArrayList<>();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    int i = 0;
    for (String entry : classpath.split(":")) {
      Path src = Path.of(entry);
      if (!Files.exists(src)) {
        continue;
      }
      Path dst = cp.resolve((i++) + "-" + src.getFileName());
      copyReadable(src, dst);
      entries.add(dst.toString());
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", java, "-cp", String.join(":", entries),
        EnforcementMain.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("not enforced: no writable cgroup for uid 65534", lastLine(out), out);
  }

  private static String lastLine(String out) {
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }

  private static void copyReadable(Path src, Path dst) throws IOException {
    if (Files.isDirectory(src)) {
      try (Stream<Path> all = Files.walk(src)) {
        for (Path f : (Iterable<Path>) all::iterator) {
          Path to = dst.resolve(src.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
          } else {
            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
    } else {
      Files.copy(src, dst);
      Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
