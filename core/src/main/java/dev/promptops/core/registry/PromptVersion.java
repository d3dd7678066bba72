package dev.promptops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.prompt.ComponentPin;
import dev.promptops.core.prompt.PromptFile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One immutable version of a prompt: its number, digest, content and provenance.
 *
 * @param source the {@code .prompt} file as first pushed (line endings normalised), comments and
 *     layout included; a later push with the same meaning but other formatting has the same digest
 *     and creates no version, so this is the first spelling
 */
public record PromptVersion(
    String project,
    String prompt,
    int version,
    String digest,
    ObjectNode frontMatter,
    String template,
    String source,
    List<ComponentPin> components,
    String message,
    Instant createdAt,
    String createdBy) {

  public PromptVersion {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(digest, "digest");
    frontMatter = frontMatter.deepCopy();
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(source, "source");
    components = List.copyOf(components);
    message = message == null ? "" : message;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  @Override
  public ObjectNode frontMatter() {
    return frontMatter.deepCopy();
  }

  /** The version as a {@code .prompt} file, parsed again from its source. */
  public PromptFile file() {
    return PromptFile.parse(source, ref());
  }

  /** {@code name@version}, the way users write it. */
  public String ref() {
    return prompt + "@" + version;
  }
}
