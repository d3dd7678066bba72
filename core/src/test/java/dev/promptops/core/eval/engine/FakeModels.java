package dev.promptops.core.eval.engine;

import dev.promptops.core.execution.ModelCalls;
import dev.promptops.core.provider.ChatProvider;
import dev.promptops.core.provider.ChatRequest;
import dev.promptops.core.provider.ChatResponse;
import dev.promptops.core.provider.PriceTable;
import dev.promptops.core.provider.ProviderConfig;
import dev.promptops.core.provider.ProviderType;
import dev.promptops.core.provider.ResilientCalls;
import dev.promptops.core.provider.StreamListener;
import dev.promptops.core.provider.Usage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** ModelCalls over a provider that answers from a function, recording every request. */
final class FakeModels {
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  final ModelCalls calls;

  FakeModels(Function<ChatRequest, String> answer) {
    ChatProvider provider =
        new ChatProvider() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public ProviderType type() {
            return ProviderType.OPENAI;
          }

          @Override
          public Set<String> supportedParameters() {
            return Set.of(
                "temperature", "maxOutputTokens", "topP", "stopSequences", "json", "jsonSchema");
          }

          @Override
          public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            return new ChatResponse(answer.apply(request), "stop", new Usage(10, 5), "m");
          }

          @Override
          public void stream(ChatRequest request, StreamListener listener) {
            ChatResponse r = chat(request);
            listener.onDelta(r.text());
            listener.onComplete(r);
          }
        };
    calls =
        new ModelCalls(
            (project, name) ->
                new ProviderConfig(name, ProviderType.OPENAI, null, "k", null, null, 0, 0, 0),
            config -> provider,
            new ResilientCalls(d -> {}),
            PriceTable.empty());
  }

  /** The text of the last user message of a request. */
  static String lastUser(ChatRequest r) {
    String text = "";
    for (var m : r.messages()) {
      if (m.path("role").asText().equals("user")) {
        text = m.path("content").get(0).path("text").asText();
      }
    }
    return text;
  }
}
