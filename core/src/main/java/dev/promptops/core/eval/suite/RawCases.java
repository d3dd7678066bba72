package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.util.Iterator;

/** The cases of a case file as written, one at a time, each with the line it starts on. */
interface RawCases extends Iterator<RawCases.Raw>, Closeable {

  /** One case as written, and the line of the file it starts on. */
  record Raw(JsonNode node, int line) {}
}
