package dev.promptops.embeddings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.provider.EmbeddingProvider;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import java.util.List;
import java.util.ServiceLoader;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The real model in this JVM (loaded once for the class: about a second). */
class LocalEmbeddingsIT {
  final LocalEmbeddings local = new LocalEmbeddings();

  @Test
  void vectorsOf384DimensionsAndUnitLength() {
    List<float[]> vs = local.embed(LocalEmbeddings.MODEL, List.of("Hello there", "Goodbye"));

    assertThat(vs).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(LocalEmbeddings.DIMENSIONS));
    assertThat(norm(vs.get(0))).isCloseTo(1.0, Offset.offset(1e-3));
    assertThat(local.embed(LocalEmbeddings.MODEL, "Hello there")).isEqualTo(vs.get(0));
  }

  @Test
  void similarMeaningsAreCloser() {
    List<float[]> vs =
        local.embed(
            LocalEmbeddings.MODEL,
            List.of(
                "The cat sits on the mat.",
                "A cat is sitting on a rug.",
                "Quarterly revenue fell by ten percent."));

    double near = cosine(vs.get(0), vs.get(1));
    double far = cosine(vs.get(0), vs.get(2));
    assertThat(near).isGreaterThan(0.6);
    assertThat(far).isLessThan(0.3);
  }

  @Test
  void foundThroughServiceLoaderAsProviderLocal() {
    var found =
        ServiceLoader.load(EmbeddingProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("local"))
            .findFirst();

    assertThat(found).containsInstanceOf(LocalEmbeddings.class);
  }

  @Test
  void otherModelsAndBlankTextsAreRefused() {
    assertThatThrownBy(() -> local.embed("all-mpnet-base-v2", "hi"))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.BAD_REQUEST);
              assertThat(e.getMessage())
                  .isEqualTo("provider 'local' has no embeddings model 'all-mpnet-base-v2'");
              assertThat(e.hint()).contains("local/all-minilm-l6-v2");
            });
    assertThatThrownBy(() -> local.embed(LocalEmbeddings.MODEL, List.of("a", "")))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.getMessage()).contains("blank text (text 2 of 2"));
    assertThat(local.embed(LocalEmbeddings.MODEL, List.of())).isEmpty();
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double cosine(float[] a, float[] b) {
    return dot(a, b) / (norm(a) * norm(b));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
