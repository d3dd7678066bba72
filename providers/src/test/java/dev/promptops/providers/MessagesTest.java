package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.promptops.core.provider.ProviderException;
import dev.promptops.core.provider.ProviderException.Failure;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class MessagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

  final Failures failures = new Failures("provider 'p' (gemini)", Secret.NONE, Clock.systemUTC());
  final Messages urls = new Messages(Messages.Media.URLS_AND_INLINE, failures);
  final Messages inline = new Messages(Messages.Media.INLINE_ONLY, failures);

  @Test
  void rolesAndTextParts() throws Exception {
    var out =
        urls.map(
            messages(
                """
                [{"role":"system","content":[{"text":"Be "},{"text":"brief."}]},
                 {"role":"user","content":[{"text":"Hi"}]},
                 {"role":"model","content":[{"text":"Hello"}]},
                 {"role":"user","content":[{"text":"Bye","metadata":{"purpose":"x"}}]}]
                """));
    assertThat(out).hasSize(4);
    assertThat(((SystemMessage) out.get(0)).text()).isEqualTo("Be brief.");
    assertThat(((UserMessage) out.get(1)).singleText()).isEqualTo("Hi");
    assertThat(((AiMessage) out.get(2)).text()).isEqualTo("Hello");
    assertThat(((UserMessage) out.get(3)).singleText()).isEqualTo("Bye");
  }

  @Test
  void emptyMessagesAreLeftOut() throws Exception {
    var out = urls.map(messages("[{\"role\":\"user\",\"content\":[{\"text\":\"\"}]}]"));
    assertThat(out).isEmpty();
  }

  @Test
  void imageUrlsWhereTheProviderTakesThem() throws Exception {
    var out =
        urls.map(
            messages(
                """
                [{"role":"user","content":[{"text":"What is it?"},
                  {"media":{"url":"https://example.com/cat.png","contentType":"image/png"}}]}]
                """));
    var image = (ImageContent) ((UserMessage) out.get(0)).contents().get(1);
    assertThat(image.image().url()).hasToString("https://example.com/cat.png");
  }

  @Test
  void inlineImagesEverywhere() throws Exception {
    var out =
        inline.map(
            messages("[{\"role\":\"user\",\"content\":[{\"media\":{\"url\":\"" + PNG + "\"}}]}]"));
    var image = (ImageContent) ((UserMessage) out.get(0)).contents().get(0);
    assertThat(image.image().base64Data()).isEqualTo("iVBORw0KGgo=");
    assertThat(image.image().mimeType()).isEqualTo("image/png");
  }

  @Test
  void imageUrlsRefusedWhereOnlyInlineImagesGo() {
    assertThatThrownBy(
            () ->
                inline.map(
                    messages(
                        "[{\"role\":\"user\",\"content\":[{\"media\":{\"url\":\"https://x.test/a.png\"}}]}]")))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
              assertThat(e.getMessage())
                  .contains("provider 'p' (gemini)", "only inline", "https://x.test/a.png");
            });
  }

  @Test
  void mediaOtherThanImagesAndOtherSchemesAreRefused() {
    assertUnsupported(
        "[{\"role\":\"user\",\"content\":[{\"media\":{\"url\":\"https://x.test/a.mp3\",\"contentType\":\"audio/mpeg\"}}]}]",
        "audio/mpeg");
    assertUnsupported(
        "[{\"role\":\"user\",\"content\":[{\"media\":{\"url\":\"file:///etc/passwd\"}}]}]",
        "file:///etc/passwd");
  }

  @Test
  void otherRolesPartsAndMediaOutsideUserMessagesAreRefused() {
    assertUnsupported("[{\"role\":\"tool\",\"content\":[{\"text\":\"x\"}]}]", "role 'tool'");
    assertUnsupported(
        "[{\"role\":\"user\",\"content\":[{\"toolRequest\":{\"name\":\"f\"}}]}]", "'toolRequest'");
    assertUnsupported(
        "[{\"role\":\"system\",\"content\":[{\"media\":{\"url\":\"" + PNG + "\"}}]}]",
        "only in user messages");
  }

  private void assertUnsupported(String json, String says) {
    assertThatThrownBy(() -> urls.map(messages(json)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED);
              assertThat(e.getMessage()).contains(says);
            });
  }

  private static ArrayNode messages(String json) {
    try {
      return (ArrayNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
