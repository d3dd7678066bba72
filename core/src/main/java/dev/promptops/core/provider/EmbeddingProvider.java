package dev.promptops.core.provider;

import java.util.Collections;
import java.util.List;

/**
 * A provider's embeddings endpoint: texts in, one vector per text out (what the evaluation
 * assertion {@code similar} compares by cosine similarity). Implementations (module {@code
 * providers}) make one attempt per call, bounded by the configuration's timeout, and report every
 * failure as a {@link ProviderException} with the same {@link ProviderException.Failure} kinds as
 * {@link ChatProvider}: 429 is {@code RATE_LIMITED} and 5xx {@code SERVER_ERROR}, both retryable
 * and carrying {@code Retry-After} as {@link ProviderException#retryAfter()}; no answer in time is
 * {@code TIMEOUT}; an answer that cannot be read (or has the wrong number of vectors) is {@code
 * BAD_RESPONSE}; 4xx is {@code BAD_REQUEST}, 401/403 {@code UNAUTHORIZED}. Retries are the
 * caller's.
 */
public interface EmbeddingProvider extends AutoCloseable {

  /**
   * The configured name of this provider in its project, e.g. {@code openai} (the {@code provider}
   * part of {@code openai/text-embedding-3-small}); {@code local} for the in-process model of
   * module {@code embeddings-local}, which has no {@link ProviderType}.
   */
  String name();

  /**
   * The vectors of {@code texts}, in their order, all of one length; one request (or, where the
   * protocol has no batch form, one per text within the same timeout). An empty list answers an
   * empty list without a request.
   *
   * @param model the embedding model as the provider names it, e.g. {@code text-embedding-3-small}
   *     (Azure: the deployment)
   * @throws ProviderException {@code BAD_REQUEST} before anything is sent when the model or a text
   *     is blank (an empty output has no embedding); else as the interface says
   */
  List<float[]> embed(String model, List<String> texts);

  /** The vector of one text; see {@link #embed(String, List)}. */
  default float[] embed(String model, String text) {
    return embed(model, Collections.singletonList(text)).get(0);
  }

  @Override
  default void close() {}
}
