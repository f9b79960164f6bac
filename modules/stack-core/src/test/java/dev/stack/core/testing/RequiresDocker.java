package dev.stack.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a Docker engine (DESIGN.md "Testing here").
 *
 * <p>When an engine answers {@code GET /_ping} at {@code DOCKER_HOST} (default
 * {@code unix:///var/run/docker.sock}) the test runs, and each test method that ran is recorded as
 * one line of {@code target/docker-tests-executed.txt}, which {@code .ci/run} counts. When none
 * answers the test is skipped on a developer machine but fails when the environment has
 * {@code CI=true}, so Docker tests can never silently not run in CI.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerEngineGate.class)
public @interface RequiresDocker {
}
