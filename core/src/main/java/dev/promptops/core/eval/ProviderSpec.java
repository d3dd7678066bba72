package dev.promptops.core.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.ProviderType;
import java.util.Map;
import java.util.Objects;

/**
 * A model a suite runs its prompts on instead of the model each prompt names (one column of the
 * matrix prompts × providers).
 *
 * @param id as the suite writes it: {@code openai/gpt-4o-mini}, or promptfoo's {@code
 *     openai:chat:gpt-4o-mini}
 * @param label how reports name it; the id when the suite gives none
 * @param model the provider and model it runs on
 * @param type the provider's type when the suite configures the endpoint itself ({@code baseUrl},
 *     {@code apiKey}); null to use the provider of that name from the project or the environment
 * @param apiKey a secret: never written to results, reports or logs; null for none or the
 *     environment's
 * @param options type-specific settings (Azure's {@code apiVersion})
 * @param config generation parameters merged over the prompt's ({@code temperature} …)
 * @param maxConcurrent calls in flight to this provider at most during the run; 0 for the
 *     provider's own limit
 * @param requestsPerMinute calls started per minute at most; 0 for the provider's own limit
 */
public record ProviderSpec(
    String id,
    String label,
    ModelRef model,
    ProviderType type,
    String baseUrl,
    String apiKey,
    Map<String, String> options,
    ObjectNode config,
    int maxConcurrent,
    int requestsPerMinute) {

  public ProviderSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    if (maxConcurrent < 0 || requestsPerMinute < 0) {
      throw new IllegalArgumentException("limits are 0 (none of the suite's) or more");
    }
    label = label == null || label.isBlank() ? id : label;
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A model of a provider configured elsewhere, with no overrides. */
  public static ProviderSpec of(String model) {
    return new ProviderSpec(model, null, ModelRef.parse(model), null, null, null, null, null, 0, 0);
  }

  /** True when the suite limits this provider's calls itself. */
  public boolean limited() {
    return maxConcurrent > 0 || requestsPerMinute > 0;
  }

  @Override
  public String toString() {
    return "ProviderSpec[" + id + ", " + model + (apiKey == null ? "" : ", apiKey=***") + "]";
  }
}
