package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code stack exec} on native: the service's environment and folder, the command's exit code and input. */
class ExecIT extends LiveStackTest {

  @Test
  void runsWithTheServicesEnvironmentAndFolderAndExitsWithTheCommandsCode() throws Exception {
    int port = freePort();
    stackFile("""
        name: ex
        services:
          api:
            command: [sleep, "1000"]
            env: {TOKEN: {secret: true, value: s3cret}, MODE: dev}
            replicas: 2
            ports: ["%d-%d"]
        """.formatted(port, port + 1));
    stack.ok("up");

    StackCli.Result r = stack.run("exec", "--index", "2", "api", "sh", "-c",
        "echo \"$PWD $STACK_INSTANCE $STACK_PORT $TOKEN $MODE $EXTRA\"; echo to-err >&2; exit 3");
    assertEquals(3, r.code(), r.toString());
    assertEquals(stack.stackFile().getParent() + " 2 " + (port + 1) + " s3cret dev \n", r.out());
    assertEquals("to-err\n", r.err());

    r = stack.run("exec", "-e", "EXTRA=x", "-w", "..", "api", "--", "sh", "-c", "echo $PWD $EXTRA");
    assertEquals(stack.stackFile().getParent().getParent() + " x\n", r.out(), r.toString());

    Process cat = stack.start("exec", "-T", "api", "sh", "-c", "wc -l");
    try (OutputStream in = cat.getOutputStream()) {
      in.write("1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("3", stack.resultOf(cat).out().strip(), "the input, to its end");

    r = stack.run("exec", "--index", "3", "api", "true");
    assertEquals(2, r.code());
    assertEquals("error: api has no instance 3 (it has 2)\n  hint: give --index 1 to 2\n", r.err());
    r = stack.run("exec", "api", "no-such-program");
    assertEquals(2, r.code());
    assertEquals("error: cannot run no-such-program in api: error=2, No such file or directory\n"
        + "  hint: it is looked up on the service's PATH: give its path\n", r.err());
    r = stack.run("exec", "-u", "root", "api", "true");
    assertEquals(2, r.code());
    assertEquals("error: --user is for containers: on native the command runs as you\n  hint: leave --user out\n", r.err());

    stack.ok("stop", "api");
    r = stack.run("exec", "api", "true");
    assertEquals(1, r.code());
    assertEquals("error: api is not running (stopped)\n  hint: start it first: 'stack start api'\n", r.err());
  }
}
