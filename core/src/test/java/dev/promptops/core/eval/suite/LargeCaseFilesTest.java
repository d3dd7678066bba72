package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.eval.CaseSource;
import dev.promptops.core.eval.TestCase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 100 000-case JSONL and CSV file is streamed: read and run, never held. */
class LargeCaseFilesTest {
  static final int N = 100_000;

  @TempDir Path dir;

  @Test
  void aHundredThousandLinesOfJsonlAndCsvAreStreamed() throws IOException {
    Fixtures.write(dir, "p.prompt", "Hi {{q}}");
    try (BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve("big.jsonl"));
        BufferedWriter csv = Files.newBufferedWriter(dir.resolve("big.csv"))) {
      csv.write("q,__expected\n");
      for (int i = 0; i < N; i++) {
        jsonl.write(
            "{\"vars\": {\"q\": \"question "
                + i
                + "\"}, \"assert\": [{\"type\": \"contains\", \"value\": \""
                + i
                + "\"}]}\n");
        csv.write("\"question, " + i + "\",contains: " + i + "\n");
      }
    }
    Path suite =
        Fixtures.write(
            dir,
            "s.yaml",
            "prompts: [p.prompt]\ndefaults: {assert: [{type: is-json}]}\n"
                + "cases: [{file: big.jsonl}, {vars: {q: middle}}, {file: big.csv}]\n");

    CaseSource cases = SuiteFile.read(suite, Map.of()).suite().cases();

    assertThat(cases.size()).hasValue(2L * N + 1);
    assertHoldsNoLargeCollection(cases);
    Iterator<TestCase> it = cases.open();
    long count = 0;
    TestCase last = null;
    while (it.hasNext()) {
      last = it.next();
      assertThat(last.index()).isEqualTo((int) count);
      count++;
      if (count == N + N / 2) {
        assertHoldsNoLargeCollection(it);
      }
    }
    assertThat(count).isEqualTo(2L * N + 1);
    assertThat(last.vars().get("q").asText()).isEqualTo("question, " + (N - 1));
    assertThat(last.assertions()).hasSize(2);
  }

  @Test
  void theCheckCatchesASourceThatHoldsItsCases() {
    var many =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(
                i ->
                    new TestCase(
                        i, null, dev.promptops.core.json.Json.object(), java.util.List.of(), null))
            .toList();
    var held =
        new SuiteCases(
            java.util.List.of(new SuiteCases.Written(many)),
            null,
            Defaults.NONE,
            ExpectedShorthand.FOR_NATIVE,
            many.size());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertHoldsNoLargeCollection(held))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a collection held by the case source");
  }

  /**
   * Walks the fields of PromptOps' own objects reachable from {@code root} and fails on any
   * collection, map or array holding more than a handful of elements.
   */
  static void assertHoldsNoLargeCollection(Object root) {
    walk(root, new IdentityHashMap<>(), 0);
  }

  private static void walk(Object o, IdentityHashMap<Object, Boolean> seen, int depth) {
    if (o == null || seen.put(o, true) != null || depth > 12) {
      return;
    }
    if (o instanceof Collection<?> c) {
      assertThat(c.size()).as("a collection held by the case source").isLessThan(100);
      c.forEach(e -> walk(e, seen, depth + 1));
      return;
    }
    if (o instanceof Map<?, ?> m) {
      assertThat(m.size()).as("a map held by the case source").isLessThan(100);
      return;
    }
    if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
      assertThat(((Object[]) o).length).isLessThan(100_000);
      return;
    }
    if (!o.getClass().getName().startsWith("dev.promptops.")) {
      return;
    }
    for (Class<?> k = o.getClass();
        k != null && k.getName().startsWith("dev.promptops.");
        k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
          f.setAccessible(true);
          try {
            walk(f.get(o), seen, depth + 1);
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
  }
}
