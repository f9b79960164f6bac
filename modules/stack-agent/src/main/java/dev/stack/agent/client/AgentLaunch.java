package dev.stack.agent.client;

import dev.stack.agent.protocol.AgentVersion;
import dev.stack.agent.protocol.StackHome;
import dev.stack.core.spi.JarSiblings;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a client starts an agent: which {@code java}, classpath, JVM flags and version.
 *
 * @param java the java launcher
 * @param classpath the agent's classpath
 * @param jvmFlags flags before the main class
 * @param version the version the agent answers with (and the client expects)
 */
public record AgentLaunch(String java, String classpath, List<String> jvmFlags, String version) {

  /** The agent's main class. */
  public static final String MAIN_CLASS = "dev.stack.agent.daemon.AgentMain";

  /**
   * A small footprint for an agent that mostly waits: serial GC, a small heap and small thread
   * stacks, C1 only (peak speed does not matter, warm-up and code cache do), no perf-data file.
   * Idle monitors are deflated every 10 s rather than every 250 ms: with 100 services (hundreds of
   * threads) the deflation thread was three quarters of the idle agent's CPU (measured per thread
   * from schedstat: 55 of 72 ms in 30 s; 5 ms with 10 s). Class-data-sharing archives are mapped
   * at the address they were made for ({@code ArchiveRelocationMode=0}, the default before JDK 17.0.x
   * updates made relocation the default): relocating them cost 40 ms of every start here.
   * One compiler thread, not two: a cold {@code up} is CPU-bound on a small host, and the second
   * thread took a core from the starts (cold {@code up} of 100 services 686 -> 628 ms, of 10
   * 342 -> 322, agent CPU 730 -> 680 ms; medians of 13-15, alternating, on two cores).
   */
  public static final List<String> DEFAULT_JVM_FLAGS = List.of(
      "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss256k", "-XX:TieredStopAtLevel=1",
      "-XX:CICompilerCount=1", "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData",
      "-XX:+UnlockDiagnosticVMOptions", "-XX:AsyncDeflationInterval=10000", "-XX:ArchiveRelocationMode=0",
      "-Xshare:auto");

  /** Extra JVM flags for the agent, split on spaces (e.g. a flight recording, or archive training). */
  public static final String EXTRA_FLAGS_ENV = "STACK_AGENT_JAVA_OPTS";

  /**
   * The agent's class-data-sharing archive, beside the jar ({@code stack.jar} gives
   * {@code stack-agent.jsa}); {@code make build} trains it. The JVM ignores a stale or foreign one.
   */
  public static final String ARCHIVE_SUFFIX = "-agent.jsa";

  /**
   * The folder beside the jar ({@code stack.jar} gives {@code stack-jna}) where {@code make build}
   * puts JNA's native library, one sub-folder per platform as in JNA's jar: loaded from there, JNA
   * does not copy it out of the jar into a temporary file at every agent start.
   */
  public static final String JNA_SUFFIX = "-jna";

  public AgentLaunch {
    jvmFlags = List.copyOf(jvmFlags);
  }

  /**
   * The same java and classpath as this process, the default flags (plus the agent's archive when
   * the classpath is one jar with one beside it, plus {@value #EXTRA_FLAGS_ENV}), this code's
   * version.
   */
  public static AgentLaunch ofThisProcess() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = thisClasspath();
    return new AgentLaunch(java, classpath, flags(classpath, System.getenv(EXTRA_FLAGS_ENV)),
        AgentVersion.current());
  }

  /** The default flags, the archive's flags if {@code classpath} has one, then {@code extra}. */
  static List<String> flags(String classpath, String extra) {
    List<String> flags = new ArrayList<>(DEFAULT_JVM_FLAGS);
    archiveOf(classpath).ifPresent(jsa -> flags.addAll(List.of("-XX:SharedArchiveFile=" + jsa,
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
    jnaLibraryOf(classpath, System.getProperty("os.arch"))
        .ifPresent(dir -> flags.add("-Djna.boot.library.path=" + dir));
    if (extra != null) {
      for (String flag : extra.trim().split("\\s+")) {
        if (!flag.isEmpty()) {
          flags.add(flag);
        }
      }
    }
    return flags;
  }

  /** The agent archive beside a one-jar classpath, if there is one. */
  static Optional<Path> archiveOf(String classpath) {
    return besideJar(classpath, ARCHIVE_SUFFIX).filter(Files::isRegularFile);
  }

  /**
   * The folder of JNA's native library for this platform beside a one-jar classpath, if
   * {@code make build} made it. JNA names Linux platforms {@code linux-<arch>}, with x86-64 for
   * the JDK's amd64; a folder JNA cannot load from is passed over (it unpacks its own, as without).
   */
  static Optional<Path> jnaLibraryOf(String classpath, String arch) {
    if (arch == null) {
      return Optional.empty();
    }
    String platform = "linux-" + ("amd64".equals(arch) || "x86_64".equals(arch) ? "x86-64" : arch);
    return besideJar(classpath, JNA_SUFFIX).map(dir -> dir.resolve(platform))
        .filter(dir -> Files.isRegularFile(dir.resolve("libjnidispatch.so")));
  }

  /** {@code <jar without .jar><suffix>} when the classpath is one jar, else empty; not checked to exist. */
  private static Optional<Path> besideJar(String classpath, String suffix) {
    if (classpath.isEmpty() || classpath.contains(File.pathSeparator)) {
      return Optional.empty();
    }
    return JarSiblings.of(Path.of(classpath), suffix);
  }

  /** This launch with another classpath (tests run from the test classpath). */
  public AgentLaunch withClasspath(String cp) {
    return new AgentLaunch(java, cp, jvmFlags, version);
  }

  /** This launch with another version (tests start an "old" agent). */
  public AgentLaunch withVersion(String v) {
    return new AgentLaunch(java, classpath, jvmFlags, v);
  }

  /** The agent's command line for {@code home}. */
  public List<String> command(StackHome home) {
    List<String> cmd = new ArrayList<>(jvmFlags.size() + 8);
    cmd.add(java);
    cmd.addAll(jvmFlags);
    cmd.add("-D" + "stack.home=" + home.root());
    cmd.add("-D" + AgentVersion.PROPERTY + "=" + version);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(MAIN_CLASS);
    return cmd;
  }

  /**
   * The classpath this process runs with, made absolute (the agent runs in another folder); if
   * there is none, the jar or folder this class came from.
   */
  static String thisClasspath() {
    String cp = System.getProperty("java.class.path", "");
    List<String> abs = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        abs.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    if (!abs.isEmpty()) {
      return String.join(File.pathSeparator, abs);
    }
    try {
      return Path.of(AgentLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot tell where the stack classes are", e);
    }
  }
}
