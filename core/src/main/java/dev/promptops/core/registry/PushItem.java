package dev.promptops.core.registry;

/** One prompt to push: its name and the text of its {@code .prompt} file. */
public record PushItem(String name, String source) {}
