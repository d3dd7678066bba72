package dev.promptops.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per million tokens, by model, for the cost of each execution. Keys are {@code
 * provider/model} or a bare model name (matching that model on any provider); a key ending in
 * {@code *} matches a prefix (e.g. {@code ollama/*}: free). Loaded from a YAML or JSON mapping:
 *
 * <pre>
 * openai/gpt-4o-mini: {input: 0.15, output: 0.60}
 * ollama/*: {input: 0, output: 0}
 * </pre>
 */
public final class PriceTable {
  /** USD per million tokens, input and output. */
  public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Map<String, Price> prices;

  public PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /**
   * The default prices shipped with PromptOps (USD per million tokens of well-known models; {@code
   * prices.yaml} beside this class), which a server's own {@code prices.yaml} overrides.
   */
  public static PriceTable defaults() {
    try (var in = PriceTable.class.getResourceAsStream("prices.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the default price table is missing from the jar");
      }
      return fromJson(dev.promptops.core.json.Json.yaml().readTree(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the default price table", e);
    }
  }

  /** Reads {@code {"provider/model": {"input": n, "output": n}, …}}. */
  public static PriceTable fromJson(JsonNode table) {
    var prices = new LinkedHashMap<String, Price>();
    if (table == null || table.isNull() || table.isMissingNode()) {
      return new PriceTable(prices);
    }
    if (!table.isObject()) {
      throw invalid("the price table must map models to {input, output}");
    }
    for (var e : table.properties()) {
      JsonNode p = e.getValue();
      if (!p.path("input").isNumber() || !p.path("output").isNumber()) {
        throw invalid("price of '" + e.getKey() + "' needs numbers 'input' and 'output'");
      }
      prices.put(
          e.getKey(), new Price(p.get("input").decimalValue(), p.get("output").decimalValue()));
    }
    return new PriceTable(prices);
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(
        "invalid_prices",
        message,
        "write 'provider/model: {input: USD per 1M input tokens, output: USD per 1M output tokens}'");
  }

  /** This table, then {@code fallback} for models this one does not price. */
  public PriceTable orElse(PriceTable fallback) {
    var merged = new LinkedHashMap<>(fallback.prices);
    merged.putAll(prices);
    return new PriceTable(merged);
  }

  public Optional<Price> price(ModelRef model) {
    Price exact = prices.get(model.toString());
    if (exact != null) {
      return Optional.of(exact);
    }
    Price bare = prices.get(model.model());
    if (bare != null) {
      return Optional.of(bare);
    }
    String full = model.toString();
    return prices.entrySet().stream()
        .filter(e -> e.getKey().endsWith("*"))
        .filter(e -> full.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The cost of a call in USD (8 decimals), or empty when the model has no price. */
  public Optional<BigDecimal> cost(ModelRef model, Usage usage) {
    return price(model)
        .map(
            p ->
                p.inputPerMillion()
                    .multiply(BigDecimal.valueOf(usage.inputTokens()))
                    .add(p.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())))
                    .divide(MILLION, 8, RoundingMode.HALF_UP)
                    .stripTrailingZeros());
  }
}
