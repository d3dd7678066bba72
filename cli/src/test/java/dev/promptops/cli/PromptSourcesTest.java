package dev.promptops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSourcesTest {
  @TempDir Path dir;
  private PromptSources sources;

  @BeforeEach
  void setUp() throws Exception {
    write("prompts/hello.prompt", "Hello {{name}}\n");
    write("prompts/support/reply.prompt", "---\nmodel: m\n---\nReply to {{customer}}\n");
    write("prompts/support/deep/er.prompt", "x");
    write("prompts/support/notes.txt", "not a prompt");
    write("prompts/.drafts/wip.prompt", "hidden");
    sources = new PromptSources(context(dir), dir.resolve("prompts"));
  }

  private static Context context(Path workDir) {
    return new Context(workDir, Map.of(), null, null);
  }

  private void write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private List<String> names(String... paths) {
    return sources.collect(List.of(paths)).stream().map(PromptSources.Source::name).toList();
  }

  @Test
  void namesPromptsByTheirPathBelowThePromptsFolder() {
    assertThat(names()).containsExactly("hello", "support/deep/er", "support/reply");
  }

  @Test
  void aFolderInsideThePromptsFolderKeepsTheFullNames() {
    assertThat(names("prompts/support")).containsExactly("support/deep/er", "support/reply");
  }

  @Test
  void aFileInsideThePromptsFolderKeepsItsFullName() {
    var found = sources.collect(List.of("prompts/support/reply.prompt"));

    assertThat(found)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("support/reply");
              assertThat(s.text()).isEqualTo("---\nmodel: m\n---\nReply to {{customer}}\n");
              assertThat(s.item().source()).isEqualTo(s.text());
            });
  }

  @Test
  void pathsAreRelativeToTheWorkingDirectory() {
    var inSupport =
        new PromptSources(context(dir.resolve("prompts/support")), dir.resolve("prompts"));

    assertThat(inSupport.collect(List.of("reply.prompt", "../hello.prompt")))
        .extracting(PromptSources.Source::name)
        .containsExactly("hello", "support/reply");
  }

  @Test
  void aFolderOutsideThePromptsFolderNamesFilesRelativeToItself() throws Exception {
    write("other/greet/x.prompt", "x");

    assertThat(names("other")).containsExactly("greet/x");
    assertThat(names("other/greet/x.prompt")).containsExactly("x");
  }

  @Test
  void withoutAProjectFileAFolderIsItsOwnRoot() throws Exception {
    var noProject = new PromptSources(context(dir), null);

    assertThat(noProject.collect(List.of("prompts")))
        .extracting(PromptSources.Source::name)
        .containsExactly("hello", "support/deep/er", "support/reply");
    assertThatThrownBy(() -> noProject.collect(List.of())).hasMessageContaining("no paths given");
  }

  @Test
  void aMalformedFileIsReportedWithItsPath() throws Exception {
    write("prompts/bad.prompt", "---\nmodel: [unclosed\n---\nHi\n");

    assertThatThrownBy(() -> names())
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE);
              assertThat(e.getMessage())
                  .startsWith("prompts/bad.prompt: front matter is not valid YAML");
            });
  }

  @Test
  void aFileNameThatIsNotAValidPromptNameIsReportedWithItsPath() throws Exception {
    write("prompts/my prompt.prompt", "x");

    assertThatThrownBy(() -> names())
        .isInstanceOfSatisfying(
            PromptOpsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage())
                  .isEqualTo("prompts/my prompt.prompt: not a valid prompt name: 'my prompt'");
              assertThat(e.hint()).startsWith("rename the file: ");
            });
  }

  @Test
  void twoFilesWithTheSameNameAreRefused() throws Exception {
    write("a/x.prompt", "1");
    write("b/x.prompt", "2");

    assertThatThrownBy(() -> names("a", "b"))
        .hasMessage("two files would both be prompt 'x': a/x.prompt and b/x.prompt");
  }

  @Test
  void theSameFileGivenTwiceIsPushedOnce() {
    assertThat(names("prompts/hello.prompt", "prompts"))
        .containsExactly("hello", "support/deep/er", "support/reply");
  }

  @Test
  void missingPathsAndOtherFilesAreRefused() {
    assertThatThrownBy(() -> names("nope")).hasMessage("no such file or folder: nope");
    assertThatThrownBy(() -> names("prompts/support/notes.txt"))
        .hasMessage("not a .prompt file: prompts/support/notes.txt");
  }

  @Test
  void aFolderWithoutPromptsIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> names("empty")).hasMessage("no .prompt files in empty");
  }
}
