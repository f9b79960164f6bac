package dev.stack.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendLoaderTest {

  @TempDir
  Path dir;

  private final ClassLoader parent = BackendLoaderTest.class.getClassLoader();

  @Test
  void withoutTheFolderTheBackendsComeFromTheClassPath() {
    assertSame(parent, BackendLoader.loaderFor(Optional.empty(), parent));
    assertSame(parent, BackendLoader.loaderFor(Optional.of(dir.resolve("stack-backends")), parent));
  }

  @Test
  void theFoldersJarsAreReadByALoaderOfTheirOwnAboveTheClassPath() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("stack-backends"));
    jar(folder.resolve("b-backend.jar"), "backend.txt", "b");
    jar(folder.resolve("a-library.jar"), "library.txt", "a");
    Files.writeString(folder.resolve("README"), "not a jar");
    ClassLoader loader = BackendLoader.loaderFor(Optional.of(folder), parent);
    assertSame(parent, loader.getParent());
    assertEquals(List.of("a-library.jar", "b-backend.jar"), Arrays.stream(((URLClassLoader) loader).getURLs())
        .map(u -> Path.of(u.getPath()).getFileName().toString()).toList());
    assertNotNull(loader.getResource("backend.txt"));
    assertNotNull(loader.getResource("library.txt"));
    // what the class path has is found through the parent, first
    assertSame(BackendLoaderTest.class, Class.forName(BackendLoaderTest.class.getName(), false, loader));
    assertNull(parent.getResource("backend.txt"));
  }

  @Test
  void theFolderIsBesideTheJarThatHoldsTheType() throws Exception {
    // JUnit's Test annotation comes from a jar on the test class path: X.jar gives X-backends
    Path junit = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String name = junit.getFileName().toString();
    assertEquals(Optional.of(junit.resolveSibling(name.substring(0, name.length() - 4) + "-backends")),
        BackendLoader.folderBeside(Test.class));
    // this class comes from a folder of classes (a build, an IDE): no backends folder
    assertEquals(Optional.empty(), BackendLoader.folderBeside(BackendLoaderTest.class));
  }

  private static void jar(Path file, String entry, String text) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry(entry));
      jar.write(text.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
  }
}
