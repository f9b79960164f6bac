package dev.stack.agent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  void jnasLibraryBesideTheJarIsFoundForTheJvmsArchitecture() throws IOException {
    Path jar = Files.createFile(dir.resolve("stack.jar"));
    Path x86 = library("linux-x86-64");
    Path arm = library("linux-aarch64");
    assertEquals(Optional.of(x86), AgentLaunch.jnaLibraryOf(jar.toString(), "amd64"));
    assertEquals(Optional.of(arm), AgentLaunch.jnaLibraryOf(jar.toString(), "aarch64"));
    // none made for this architecture, or none at all: JNA unpacks its own, as without the folder
    assertEquals(Optional.empty(), AgentLaunch.jnaLibraryOf(jar.toString(), "riscv64"));
    assertEquals(Optional.empty(), AgentLaunch.jnaLibraryOf(dir.resolve("other.jar").toString(), "amd64"));
    String cp = jar + java.io.File.pathSeparator + dir.resolve("other.jar");
    assertEquals(Optional.empty(), AgentLaunch.jnaLibraryOf(cp, "amd64"));
  }

  @Test
  void theAgentIsToldWhereJnasLibraryIs() throws IOException {
    Path jar = Files.createFile(dir.resolve("stack.jar"));
    String arch = System.getProperty("os.arch");
    assumeTrue(arch.equals("amd64") || arch.equals("aarch64"), "folder names known for " + arch);
    Path lib = library(arch.equals("amd64") ? "linux-x86-64" : "linux-aarch64");
    List<String> expected = new ArrayList<>(AgentLaunch.DEFAULT_JVM_FLAGS);
    expected.add("-Djna.boot.library.path=" + lib);
    assertEquals(expected, AgentLaunch.flags(jar.toString(), null));
  }

  private Path library(String platform) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("stack-jna").resolve(platform));
    Files.createFile(folder.resolve("libjnidispatch.so"));
    return folder;
  }

  @Test
  void extraFlagsComeLastSplitOnSpaces() {
    List<String> expected = new ArrayList<>(AgentLaunch.DEFAULT_JVM_FLAGS);
    expected.addAll(List.of("-Xmx32m", "-XX:+UnlockDiagnosticVMOptions"));
    assertEquals(expected, AgentLaunch.flags(dir.resolve("classes").toString(), "  -Xmx32m   -XX:+UnlockDiagnosticVMOptions "));
  }
}
