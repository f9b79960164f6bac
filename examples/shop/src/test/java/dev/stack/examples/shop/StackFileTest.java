package dev.stack.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stack files and the Dockerfile name what this module builds (the test runs in the module's folder). */
class StackFileTest {

  private static final Pattern MAIN_CLASS = Pattern.compile("dev\\.stack\\.examples\\.shop\\.(\\w+)");

  @Test
  void everyCommandRunsAMainClassOfThisModule() throws Exception {
    for (Path file : List.of(Path.of("stack.yaml"), Path.of("profiles/prod.yaml"))) {
      Matcher m = MAIN_CLASS.matcher(Files.readString(file));
      int found = 0;
      while (m.find()) {
        Method main = Class.forName(m.group()).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()), m.group() + " has a static main");
        found++;
      }
      assertEquals(3, found, file + " runs the api, the gateway and the worker");
    }
  }

  @Test
  void theImageAndTheNativeCommandsUseTheJarTheBuildMakes() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertTrue(dockerfile.contains("ARG BASE_IMAGE=eclipse-temurin:17-jre\nFROM ${BASE_IMAGE}\n"), dockerfile);
    assertTrue(dockerfile.contains("COPY target/shop.jar /app/shop.jar\n"), dockerfile);
    assertTrue(Files.readString(Path.of("stack.yaml")).contains("[java, -cp, target/shop.jar, "));
    assertTrue(Files.readString(Path.of("profiles/prod.yaml")).contains("BASE_IMAGE: \"${BASE_IMAGE:-eclipse-temurin:17-jre}\""));
  }
}
