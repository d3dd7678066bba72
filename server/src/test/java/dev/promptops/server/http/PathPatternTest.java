package dev.promptops.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {
  private static final PathPattern RESOLVE =
      PathPattern.of("/api/v1/projects/{project}/prompts/{name+}");
  private static final PathPattern VERSION =
      PathPattern.of("/api/v1/projects/{project}/prompts/{name+}/-/versions/{version}");

  private static List<String> segs(String path) {
    return Router.segments(path);
  }

  @Test
  void greedyParameterTakesFolders() {
    assertThat(RESOLVE.match(segs("/api/v1/projects/shop/prompts/support/reply")))
        .contains(Map.of("project", "shop", "name", "support/reply"));
    assertThat(VERSION.match(segs("/api/v1/projects/shop/prompts/a/b/c/-/versions/3")))
        .contains(Map.of("project", "shop", "name", "a/b/c", "version", "3"));
  }

  @Test
  void greedyParameterNeverTakesTheSeparator() {
    assertThat(RESOLVE.match(segs("/api/v1/projects/shop/prompts/a/-/versions"))).isEmpty();
    assertThat(VERSION.match(segs("/api/v1/projects/shop/prompts/-/versions/3"))).isEmpty();
  }

  @Test
  void emptySegmentsDoNotMatch() {
    assertThat(RESOLVE.match(segs("/api/v1/projects/shop/prompts/"))).isEmpty();
    assertThat(RESOLVE.match(segs("/api/v1/projects//prompts/x"))).isEmpty();
    assertThat(RESOLVE.match(segs("/api/v1/projects/shop/prompts/a//b"))).isEmpty();
  }

  @Test
  void segmentsArePercentDecodedOneByOne() {
    assertThat(RESOLVE.match(segs("/api/v1/projects/shop/prompts/a%20b/c%2Bd")))
        .contains(Map.of("project", "shop", "name", "a b/c+d"));
  }

  @Test
  void literalMismatchAndLengthMismatch() {
    assertThat(PathPattern.of("/healthz").match(segs("/healthz"))).contains(Map.of());
    assertThat(PathPattern.of("/healthz").match(segs("/healthz/x"))).isEmpty();
    assertThat(PathPattern.of("/api/v1/keys/{key}").match(segs("/api/v1/keys"))).isEmpty();
    assertThat(VERSION.parameters()).containsExactly("project", "name", "version");
  }
}
