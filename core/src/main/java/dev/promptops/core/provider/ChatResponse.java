package dev.promptops.core.provider;

/**
 * What a provider answered: the text, why it stopped ({@code stop}, {@code length}, …, as the
 * provider names it), the tokens used, and the model that answered (as the provider reports it).
 */
public record ChatResponse(String text, String finishReason, Usage usage, String model) {}
