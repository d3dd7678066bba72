package dev.promptops.core.dotprompt;

import dev.promptops.core.UnprocessableException;

/** A schema in the front matter that is not valid Picoschema or names an unknown schema. */
public final class PicoschemaException extends UnprocessableException {
  private static final long serialVersionUID = 1L;

  PicoschemaException(String message, String hint) {
    super("invalid_schema", message, hint);
  }
}
