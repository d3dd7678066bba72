package dev.promptops.server.http;

/** The code behind a route. Throws {@link dev.promptops.core.PromptOpsException} on bad input. */
@FunctionalInterface
public interface Handler {
  Reply handle(Call call) throws Exception;
}
