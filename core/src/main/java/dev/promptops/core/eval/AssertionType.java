package dev.promptops.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The assertion types a suite may use, by the names suites (and promptfoo configs) write. Each may
 * be negated with a {@code not-} prefix ({@code not-contains}). What each checks, its score and its
 * default threshold are documented in {@code docs/eval-assertions.md}.
 */
public enum AssertionType {
  EQUALS("equals", Needs.OUTPUT),
  CONTAINS("contains", Needs.OUTPUT),
  ICONTAINS("icontains", Needs.OUTPUT),
  CONTAINS_ANY("contains-any", Needs.OUTPUT),
  CONTAINS_ALL("contains-all", Needs.OUTPUT),
  ICONTAINS_ANY("icontains-any", Needs.OUTPUT),
  ICONTAINS_ALL("icontains-all", Needs.OUTPUT),
  STARTS_WITH("starts-with", Needs.OUTPUT),
  REGEX("regex", Needs.OUTPUT),
  IS_JSON("is-json", Needs.OUTPUT),
  CONTAINS_JSON("contains-json", Needs.OUTPUT),
  JSON_SCHEMA("json-schema", Needs.OUTPUT),
  JSON_PATH("json-path", Needs.OUTPUT),
  IS_VALID_OUTPUT("is-valid-output", Needs.OUTPUT),
  WORD_COUNT("word-count", Needs.OUTPUT),
  LENGTH("length", Needs.OUTPUT),
  LEVENSHTEIN("levenshtein", Needs.OUTPUT),
  ROUGE_N("rouge-n", Needs.OUTPUT),
  BLEU("bleu", Needs.OUTPUT),
  SIMILAR("similar", Needs.EMBEDDINGS),
  LLM_RUBRIC("llm-rubric", Needs.JUDGE),
  LATENCY("latency", Needs.OUTPUT),
  COST("cost", Needs.OUTPUT),
  TOKENS("tokens", Needs.OUTPUT);

  /** What an assertion needs besides the output itself. */
  public enum Needs {
    /** Only the output and its run facts (latency, cost, tokens). */
    OUTPUT,
    /** An embeddings provider ({@link Graders#embed}). */
    EMBEDDINGS,
    /** A model as judge ({@link Graders#judge}). */
    JUDGE
  }

  private final String wireName;
  private final Needs needs;

  AssertionType(String wireName, Needs needs) {
    this.wireName = wireName;
    this.needs = needs;
  }

  /** The name suites write: {@code contains-any}. */
  public String wireName() {
    return wireName;
  }

  public Needs needs() {
    return needs;
  }

  /** The type named {@code name} (without {@code not-}), ignoring case. */
  public static Optional<AssertionType> byName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(n)).findFirst();
  }

  /** Every name, for messages that list what is supported. */
  public static List<String> names() {
    return Arrays.stream(values()).map(AssertionType::wireName).toList();
  }
}
