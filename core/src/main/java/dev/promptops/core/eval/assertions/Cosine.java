package dev.promptops.core.eval.assertions;

/** Cosine similarity of two embeddings, in [-1, 1]. */
final class Cosine {
  private Cosine() {}

  /**
   * The similarity.
   *
   * @throws IllegalArgumentException when a vector is missing, empty, zero, not finite, or the two
   *     differ in length
   */
  static double similarity(float[] a, float[] b) {
    if (a == null || b == null || a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("the embeddings provider returned no vector");
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "the embeddings differ in length (" + a.length + " and " + b.length + ")");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    double similarity = dot / (Math.sqrt(na) * Math.sqrt(nb));
    if (na == 0 || nb == 0 || !Double.isFinite(similarity)) {
      throw new IllegalArgumentException(
          "the embeddings provider returned a zero or non-finite vector");
    }
    return Math.max(-1, Math.min(1, similarity));
  }
}
