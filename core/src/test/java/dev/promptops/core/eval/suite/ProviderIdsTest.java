package dev.promptops.core.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderIdsTest {
  @ParameterizedTest
  @CsvSource({
    "openai:gpt-4o-mini, openai/gpt-4o-mini, OPENAI, CHAT",
    "openai:chat:gpt-4o-mini, openai/gpt-4o-mini, OPENAI, CHAT",
    "openai:responses:gpt-5, openai/gpt-5, OPENAI, CHAT",
    "openai:embedding:text-embedding-3-small, openai/text-embedding-3-small, OPENAI, EMBEDDINGS",
    "anthropic:messages:claude-sonnet-4-5, anthropic/claude-sonnet-4-5, ANTHROPIC, CHAT",
    "anthropic:claude-sonnet-4-5, anthropic/claude-sonnet-4-5, ANTHROPIC, CHAT",
    "ollama:chat:llama3.2:1b, ollama/llama3.2:1b, OLLAMA, CHAT",
    "ollama:embeddings:nomic-embed-text, ollama/nomic-embed-text, OLLAMA, EMBEDDINGS",
    "azure:chat:prod-4o, azure-openai/prod-4o, AZURE_OPENAI, CHAT",
    "azureopenai:chat:prod-4o, azure-openai/prod-4o, AZURE_OPENAI, CHAT",
    "google:gemini-2.5-flash, google/gemini-2.5-flash, GEMINI, CHAT",
  })
  void mapsPromptfooIds(String id, String model, String type, String use) {
    ProviderIds.Mapped m = ProviderIds.map(id, "here");

    assertThat(m.model().toString()).isEqualTo(model);
    assertThat(m.type()).hasToString(type);
    assertThat(m.use()).hasToString(use);
  }

  @Test
  void passesPromptOpsModelsAsTheyAre() {
    ProviderIds.Mapped m = ProviderIds.map("openrouter/meta-llama/llama-3-8b", "here");

    assertThat(m.model().provider()).isEqualTo("openrouter");
    assertThat(m.model().model()).isEqualTo("meta-llama/llama-3-8b");
    assertThat(m.type()).isNull();
  }

  @Test
  void refusesWhatItCannotRun() {
    assertThatThrownBy(() -> ProviderIds.map("openai:completion:davinci", "here"))
        .hasMessage(
            "here: provider 'openai:completion:davinci' uses OpenAI's completion API, which PromptOps does not call");
    assertThatThrownBy(() -> ProviderIds.map("anthropic:completion:claude-2", "here"))
        .hasMessage(
            "here: provider 'anthropic:completion:claude-2' uses Anthropic's legacy completion API, which PromptOps does not call");
    assertThatThrownBy(() -> ProviderIds.map("openai:chat:", "here"))
        .hasMessage("here: provider 'openai:chat:' names no model");
    assertThatThrownBy(() -> ProviderIds.map("echo", "here"))
        .hasMessage("here: provider 'echo' is not one PromptOps can run");
    assertThatThrownBy(() -> ProviderIds.map("openrouter:openai/gpt-4o", "here"))
        .hasMessage("here: provider 'openrouter:openai/gpt-4o' is not one PromptOps can run");
  }
}
