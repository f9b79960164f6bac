package dev.stack.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Layout": dependencies point one way, and no Docker, OSHI, JNA or picocli type appears
 * in stack-model or stack-core. The enforcer's banned dependencies keep the jars out of the
 * classpath; this keeps the types out of the code.
 */
class LayeringTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.stack.model", "dev.stack.core");

  @Test
  void modelAndCoreUseNoBackendOrCliLibraries() {
    noClasses().that().resideInAnyPackage("dev.stack.model..", "dev.stack.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.github.dockerjava..", "oshi..", "com.sun.jna..", "picocli..", "org.slf4j..", "ch.qos.logback..")
        .check(classes);
  }

  @Test
  void modelDependsOnNothingAboveIt() {
    noClasses().that().resideInAPackage("dev.stack.model..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.stack.core..", "dev.stack.nativ..",
            "dev.stack.docker..", "dev.stack.agent..", "dev.stack.cli..")
        .check(classes);
  }

  @Test
  void coreDependsOnNoBackendAgentOrCli() {
    noClasses().that().resideInAPackage("dev.stack.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.stack.nativ..", "dev.stack.docker..",
            "dev.stack.agent..", "dev.stack.cli..")
        .check(classes);
  }
}
