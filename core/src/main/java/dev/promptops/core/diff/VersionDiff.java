package dev.promptops.core.diff;

import java.util.List;

/**
 * The difference between two prompt versions.
 *
 * @param from {@code name@version} of the old side
 * @param to {@code name@version} of the new side
 * @param template the template change as a unified diff; empty when the templates are equal
 * @param frontMatter front matter changes field by field (config, schemas, everything else)
 * @param components component pins that were added, removed or moved
 */
public record VersionDiff(
    String from,
    String to,
    String fromDigest,
    String toDigest,
    String template,
    List<FieldChange> frontMatter,
    List<FieldChange> components) {

  public boolean identical() {
    return fromDigest.equals(toDigest);
  }
}
