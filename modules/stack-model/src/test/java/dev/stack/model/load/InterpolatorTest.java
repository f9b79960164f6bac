package dev.stack.model.load;

import static dev.stack.model.load.Trees.problems;
import static dev.stack.model.load.Trees.scalar;
import static dev.stack.model.load.Trees.text;
import static dev.stack.model.load.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.ScalarNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatorTest {

  private static final Map<String, String> VARS = Map.of("TAG", "1.4", "EMPTY", "", "PORT", "8080",
      "HOST", "db.local", "FLAG", "false", "NO", "no");

  private static String expand(String value) {
    MapNode tree = Interpolator.apply(yaml("v: '" + value.replace("'", "''") + "'"), VARS);
    return text(tree, "v");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "${TAG}                  | 1.4",
      "$TAG                    | 1.4",
      "v$TAG-x                 | v1.4-x",
      "${TAG}${TAG}            | 1.41.4",
      "${MISSING:-def}         | def",
      "${EMPTY:-def}           | def",
      "${EMPTY-def}            | ''",
      "${MISSING-def}          | def",
      "${TAG:-def}             | 1.4",
      "${MISSING:-${TAG}}      | 1.4",
      "${MISSING:-a ${MISSING2:-b} c} | a b c",
      "${TAG:?never shown}     | 1.4",
      "${EMPTY?only when unset} | ''",
      "${MISSING:-}            | ''",
      "$$TAG                   | $TAG",
      "$${TAG}                 | ${TAG}",
      "a$$b                    | a$b",
      "^ready$                 | ^ready$",
      "costs 5$ or $1          | costs 5$ or $1",
      "${svc.db.host}:${svc.db.port} | ${svc.db.host}:${svc.db.port}",
      "jdbc://${svc.my-db.host}/${TAG} | jdbc://${svc.my-db.host}/1.4",
  })
  void everyForm(String written, String expected) {
    assertEquals(expected.equals("''") ? "" : expected, expand(written));
  }

  @Test
  void aDefaultThatIsNotUsedIsNotEvaluated() {
    assertEquals("1.4", expand("${TAG:-${MISSING}}"));
  }

  @Test
  void aPlainValueThatIsOneReferenceTakesTheTypeOfWhatItExpandsTo() {
    MapNode tree = Interpolator.apply(yaml("""
        port: ${PORT}
        quoted: "${PORT}"
        mixed: ${PORT}0
        flag: $FLAG
        word: ${NO}
        empty: ${EMPTY}
        number: 42
        """), VARS);
    assertEquals(ScalarNode.Type.INT, scalar(tree, "port").type());
    assertEquals("8080", text(tree, "port"));
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "quoted").type());
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "mixed").type());
    assertEquals(ScalarNode.Type.BOOL, scalar(tree, "flag").type());
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "word").type(), "YAML 1.2: no stays a string");
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "empty").type(), "never null: that would delete");
    assertEquals(ScalarNode.Type.INT, scalar(tree, "number").type());
    assertEquals("stack.yaml:1:7", scalar(tree, "port").mark().toString());
  }

  @Test
  void keysAreNotInterpolatedButListItemsAre() {
    MapNode tree = Interpolator.apply(yaml("env: {$TAG: x}\ncommand: [run, \"--tag=${TAG}\"]\n"), VARS);
    assertEquals("x", text(tree, "env.$TAG"));
    assertEquals("--tag=1.4", ((ScalarNode) ((dev.stack.model.yaml.SeqNode) tree.get("command")).items().get(1)).value());
  }

  @Test
  void errorsPointAtTheDollarOfAPlainValueAndAtAQuotedValue() {
    MapNode root = yaml("""
        services:
          api:
            image: registry/api:${VERSION}
            command: [run, "${ARG}"]
            env:
              DB: ${DB_PASSWORD:?set the database password}
              E: ${EMPTY:?}
              BAD: ${1A}
              OPEN: x${TAG
              SVC: ${svc.db.hots}
              NONE: ${}
              NESTED: ${MISSING:-${ALSO_MISSING}}
        """);
    assertEquals("""
        stack.yaml:3:25: error: services.api.image: variable 'VERSION' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${VERSION:-default}
        stack.yaml:4:20: error: services.api.command[1]: variable 'ARG' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${ARG:-default}; or $${ARG} if the service's shell is to expand it
        stack.yaml:6:11: error: services.api.env.DB: variable 'DB_PASSWORD' is not set: set the database password
          hint: set it in the environment or in .env beside the stack file
        stack.yaml:7:10: error: services.api.env.E: variable 'EMPTY' is empty
          hint: set it in the environment or in .env beside the stack file
        stack.yaml:8:12: error: services.api.env.BAD: invalid variable name '1A'
          hint: write ${NAME} or $NAME with letters, digits and _, not starting with a digit; $$ is a literal '$'
        stack.yaml:9:14: error: services.api.env.OPEN: unclosed '${' in "x${TAG"
          hint: add the closing '}'; write $$ for a literal '$'
        stack.yaml:10:12: error: services.api.env.SVC: invalid service address '${svc.db.hots}'
          hint: service addresses are ${svc.NAME.host} and ${svc.NAME.port}
        stack.yaml:11:13: error: services.api.env.NONE: empty variable name in '${}'
          hint: write ${NAME} or $NAME with letters, digits and _, not starting with a digit; $$ is a literal '$'
        stack.yaml:12:26: error: services.api.env.NESTED: variable 'ALSO_MISSING' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${ALSO_MISSING:-default}""",
        problems(() -> Interpolator.apply(root, VARS)));
  }

  @Test
  void anUnsetVariableInACommandIsShownHowToLeaveItToTheServicesShell() {
    MapNode root = yaml("""
        services:
          worker:
            command: [sh, -c, 'while true; do echo $i; done']
            entrypoint: run ${MODE}
            health: {exec: [sh, -c, 'test -f $READY']}
            env: {N: $i}
        """);
    assertEquals("""
        stack.yaml:3:23: error: services.worker.command[2]: variable 'i' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${i:-default}; or $$i if the service's shell is to expand it
        stack.yaml:4:21: error: services.worker.entrypoint: variable 'MODE' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${MODE:-default}; or $${MODE} if the service's shell is to expand it
        stack.yaml:5:29: error: services.worker.health.exec[2]: variable 'READY' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${READY:-default}; or $$READY if the service's shell is to expand it
        stack.yaml:6:14: error: services.worker.env.N: variable 'i' is not set
          hint: set it in the environment or in .env beside the stack file, or write ${i:-default}""",
        problems(() -> Interpolator.apply(root, VARS)));
    MapNode escaped = Interpolator.apply(yaml("command: [sh, -c, 'echo $$i $${i}']\n"), VARS);
    assertEquals("echo $i ${i}", ((ScalarNode) ((dev.stack.model.yaml.SeqNode) escaped.get("command")).items().get(2)).value());
  }

  @Test
  void valuesFromSetAndProfilesAreInterpolatedWithTheirOwnMarks() {
    MapNode tree = SetOverrides.apply(yaml("services: {api: {}}"), java.util.List.of("services.api.image=api:$TAG", "services.api.user=$WHO"));
    assertEquals("--set:2:19: error: services.api.user: variable 'WHO' is not set\n"
        + "  hint: set it in the environment or in .env beside the stack file, or write ${WHO:-default}",
        problems(() -> Interpolator.apply(tree, VARS)));
    assertEquals("api:1.4", text(Interpolator.apply(tree, Map.of("TAG", "1.4", "WHO", "me")), "services.api.image"));
  }
}
