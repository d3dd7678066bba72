package dev.promptops.core.registry;

/**
 * A resolved prompt version and how it was found: {@code version}, {@code env:production}, {@code
 * label:canary} or {@code label:latest}.
 */
public record Resolution(PromptVersion version, String via) {}
