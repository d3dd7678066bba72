package dev.promptops.core.prompt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.UnprocessableException;
import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content digest of a prompt version: {@code sha256:} and the hex SHA-256 of the canonical JSON
 * ({@link CanonicalJson}) of
 *
 * <pre>{@code
 * {"canonicalForm": 1,
 *  "components": {"<component name>": "<component digest>", ...},
 *  "frontMatter": <the front matter as a JSON object>,
 *  "template": "<the template body, line endings normalised to \n>"}
 * }</pre>
 *
 * <p>Only meaning counts: YAML comments, key order, quoting and number spelling ({@code 0.70} vs
 * {@code 0.7}) do not change the digest; any change to the template text, to a front matter value,
 * or to the version of a pinned component does. The documented test vectors are in docs/digests.md
 * and in PromptDigestTest.
 */
public final class PromptDigest {
  public static final int CANONICAL_FORM = 1;

  private PromptDigest() {}

  public static String of(ObjectNode frontMatter, String template, List<ComponentPin> components) {
    return CanonicalJson.digest(document(frontMatter, template, components));
  }

  public static String of(PromptFile file, List<ComponentPin> components) {
    return of(file.frontMatter(), file.template(), components);
  }

  /**
   * The digest from the components' digests alone, by registry name: what a push will give a file
   * whose component files are pushed with it (a local evaluation records it before any push).
   */
  public static String ofComponentDigests(PromptFile file, Map<String, String> components) {
    return CanonicalJson.digest(documentOf(file.frontMatter(), file.template(), components));
  }

  /** The JSON document whose canonical form is digested. */
  public static ObjectNode document(
      ObjectNode frontMatter, String template, List<ComponentPin> components) {
    var digests = new TreeMap<String, String>();
    components.forEach(pin -> digests.put(pin.name(), pin.digest()));
    return documentOf(frontMatter, template, digests);
  }

  private static ObjectNode documentOf(
      ObjectNode frontMatter, String template, Map<String, String> components) {
    ObjectNode doc = Json.object();
    doc.put("canonicalForm", CANONICAL_FORM);
    ObjectNode pins = doc.putObject("components");
    new TreeMap<>(components).forEach(pins::put);
    doc.set("frontMatter", frontMatter);
    doc.put("template", template);
    try {
      CanonicalJson.write(frontMatter);
    } catch (IllegalArgumentException e) {
      throw new UnprocessableException(
          "invalid_front_matter",
          "front matter holds a value JSON cannot represent: " + e.getMessage(),
          "use finite numbers (not .inf or .nan) in the front matter",
          e);
    }
    return doc;
  }
}
