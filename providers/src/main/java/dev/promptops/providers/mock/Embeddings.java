package dev.promptops.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.promptops.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic embedding vectors: every word of the text (lower-cased) adds a pseudo-random vector
 * seeded by the word, and the sum is normalised to length 1. The same text always gets the same
 * vector, and texts that share words point in similar directions.
 */
final class Embeddings {
  /** The longest vector a request may ask for. */
  static final int MAX_DIMENSIONS = 4096;

  private Embeddings() {}

  /** The vector length a request asks for in {@code field}, else {@code absent}. */
  static int dimensions(JsonNode node, String field, int absent) throws BadRequest {
    Integer dims = Messages.count(node, field);
    if (dims != null && dims > MAX_DIMENSIONS) {
      throw new BadRequest("'" + field + "' must be at most " + MAX_DIMENSIONS + ", not " + dims);
    }
    return dims == null ? absent : dims;
  }

  static float[] vector(String text, int dimensions) {
    double[] sum = new double[dimensions];
    boolean any = false;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        add(sum, word);
        any = true;
      }
    }
    if (!any) {
      add(sum, "\u0000" + text);
    }
    return normalised(sum);
  }

  /** The vector as a JSON array of numbers. */
  static ArrayNode json(float[] vector) {
    ArrayNode values = Json.array();
    for (float f : vector) {
      values.add(f);
    }
    return values;
  }

  /** The vector as OpenAI's {@code encoding_format: base64}: little-endian float32s. */
  static String base64(float[] vector) {
    ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      buf.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buf.array());
  }

  private static void add(double[] sum, String word) {
    var random = new SplittableRandom(fnv1a(word));
    for (int i = 0; i < sum.length; i++) {
      sum[i] += random.nextGaussian();
    }
  }

  private static float[] normalised(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (norm == 0 ? 0 : v[i] / norm);
    }
    return out;
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
