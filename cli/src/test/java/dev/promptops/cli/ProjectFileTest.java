package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {
  @TempDir Path dir;

  private ProjectFile parse(String yaml) {
    return ProjectFile.parse(dir.resolve("promptops.yaml"), yaml);
  }

  private void assertInvalid(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage()).startsWith(dir.resolve("promptops.yaml") + ": ");
              assertThat(e.getMessage()).contains(message);
              assertThat(e.hint()).isNotEmpty();
            });
  }

  @Test
  void readsNameDescriptionAndChain() {
    var f = parse("project: shop\ndescription: the shop\nenvironments: [dev, prod]\n");

    assertThat(f.project()).isEqualTo("shop");
    assertThat(f.description()).isEqualTo("the shop");
    assertThat(f.environments()).containsExactly("dev", "prod");
    assertThat(f.promptsDir()).isEqualTo(dir.resolve("prompts"));
  }

  @Test
  void defaultsToTheStandardChainAndAllowsUnknownKeys() {
    var f = parse("project: shop\npolicies:\n  production: {approvals: 2}\nproviders: {}\n");

    assertThat(f.environments()).containsExactly("dev", "staging", "production");
    assertThat(f.description()).isEmpty();
  }

  @Test
  void reportsMalformedYamlWithItsPosition() {
    assertInvalid("project: shop\nenvironments: [dev, staging\n", "not valid YAML at line");
  }

  @Test
  void reportsAnEmptyFile() {
    assertInvalid("", "the file is empty");
  }

  @Test
  void reportsAFileThatIsNotAMapping() {
    assertInvalid("- shop\n", "must be a YAML mapping");
  }

  @Test
  void reportsAMissingProject() {
    assertInvalid("environments: [dev]\n", "no 'project:' key");
  }

  @Test
  void reportsAnInvalidProjectName() {
    assertInvalid("project: My Shop\n", "not a valid project name: 'My Shop'");
  }

  @Test
  void reportsEnvironmentsThatAreNotAList() {
    assertInvalid("project: shop\nenvironments: production\n", "'environments' must be a list");
    assertInvalid("project: shop\nenvironments: []\n", "a project needs at least one environment");
  }

  @Test
  void reportsInvalidEnvironmentNames() {
    assertInvalid("project: shop\nenvironments: [dev, Prod]\n", "not a valid environment");
    assertInvalid("project: shop\nenvironments: [dev, {a: b}]\n", "which is not a name");
    assertInvalid("project: shop\nenvironments: [dev, latest]\n", "maintained by the server");
  }

  @Test
  void reportsADuplicateEnvironment() {
    assertInvalid("project: shop\nenvironments: [dev, dev]\n", "environment 'dev' is listed twice");
  }

  @Test
  void isFoundInTheNearestFolderAbove() throws Exception {
    Files.writeString(dir.resolve("promptops.yaml"), "project: outer\n");
    Path inner = Files.createDirectories(dir.resolve("a/b/c"));
    Files.writeString(dir.resolve("a/promptops.yaml"), "project: inner\n");

    assertThat(ProjectFile.find(inner)).contains(dir.resolve("a/promptops.yaml"));
    assertThat(ProjectFile.find(dir)).contains(dir.resolve("promptops.yaml"));
  }

  @Test
  void aBrokenFileIsAUsageErrorOfTheCommandThatReadsIt() throws Exception {
    Files.writeString(dir.resolve("promptops.yaml"), "project: [\n");

    var r = new CliRunner(dir).run("ls");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: " + dir.resolve("promptops.yaml") + ": not valid YAML");
  }
}
