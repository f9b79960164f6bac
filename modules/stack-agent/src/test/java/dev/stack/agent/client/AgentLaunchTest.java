package dev.stack.agent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLaunchTest {

  @TempDir
  Path dir;

  @Test
  void aJarWithoutAnArchiveGetsTheDefaultFlags() throws IOException {
    Path jar = Files.createFile(dir.resolve("stack.jar"));
    assertEquals(AgentLaunch.DEFAULT_JVM_FLAGS, AgentLaunch.flags(jar.toString(), null));
  }

  @Test
  void theArchiveBesideTheJarIsUsed() throws IOException {
    Path jar = Files.createFile(dir.resolve("stack.jar"));
    Path jsa = Files.createFile(dir.resolve("stack-agent.jsa"));
    List<String> expected = new ArrayList<>(AgentLaunch.DEFAULT_JVM_FLAGS);
    expected.addAll(List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    assertEquals(expected, AgentLaunch.flags(jar.toString(), ""));
  }

  @Test
  void aClasspathOfSeveralEntriesHasNoArchive() throws IOException {
    Files.createFile(dir.resolve("stack-agent.jsa"));
    String cp = dir.resolve("stack.jar") + java.io.File.pathSeparator + dir.resolve("other.jar");
    assertEquals(AgentLaunch.DEFAULT_JVM_FLAGS, AgentLaunch.flags(cp, null));
  }

  @Test
  void extraFlagsComeLastSplitOnSpaces() {
    List<String> expected = new ArrayList<>(AgentLaunch.DEFAULT_JVM_FLAGS);
    expected.addAll(List.of("-Xmx32m", "-XX:+UnlockDiagnosticVMOptions"));
    assertEquals(expected, AgentLaunch.flags(dir.resolve("classes").toString(), "  -Xmx32m   -XX:+UnlockDiagnosticVMOptions "));
  }
}
