package dev.promptops.core.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One front matter field that differs between two versions.
 *
 * @param path a JSON Pointer into the front matter, e.g. {@code /config/temperature}
 * @param change {@code added}, {@code removed} or {@code changed}
 * @param from the old value, or null when added
 * @param to the new value, or null when removed
 */
public record FieldChange(String path, String change, JsonNode from, JsonNode to) {

  /** True for a change inside the input or output schema. */
  public boolean schema() {
    return path.startsWith("/input/schema") || path.startsWith("/output/schema");
  }
}
