package dev.promptops.providers;

/**
 * An API key, kept out of every string: {@link #toString()} hides it and {@link #redact} takes it
 * out of text that came from elsewhere (an error body, an exception message).
 */
final class Secret {
  static final Secret NONE = new Secret(null);

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  static Secret of(String value) {
    return value == null || value.isBlank() ? NONE : new Secret(value);
  }

  boolean present() {
    return value != null;
  }

  /** The key itself, for the one header that carries it. */
  String reveal() {
    return value;
  }

  String redact(String text) {
    return value == null || text == null ? text : text.replace(value, "***");
  }

  @Override
  public String toString() {
    return value == null ? "none" : "***";
  }
}
