package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.json.Json;
import java.util.Locale;

/**
 * One finding about a prompt: where it is (file, line, column), what it is, and what to do.
 *
 * @param origin the file or prompt name
 * @param line 1-based line in the file, or 0 when it concerns the whole file
 * @param column 1-based column, or 0
 * @param variable the variable concerned, or null
 */
public record Problem(
    Severity severity,
    String code,
    String origin,
    int line,
    int column,
    String variable,
    String message,
    String hint) {

  public enum Severity {
    ERROR,
    WARNING;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** By file, then line, then column. */
  public static final java.util.Comparator<Problem> ORDER =
      java.util.Comparator.comparing(Problem::origin)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column);

  public static Problem error(
      String code, String origin, int line, int column, String message, String hint) {
    return new Problem(Severity.ERROR, code, origin, line, column, null, message, hint);
  }

  public Problem withVariable(String name) {
    return new Problem(severity, code, origin, line, column, name, message, hint);
  }

  public Problem asWarning() {
    return new Problem(Severity.WARNING, code, origin, line, column, variable, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code greet.prompt:3:7: error: unknown helper 'uppercase'}, as compilers print it. */
  public String describe() {
    String where = origin + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    return where + ": " + severity.wireName() + ": " + message;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("severity", severity.wireName());
    n.put("code", code);
    n.put("file", origin);
    n.put("line", line);
    n.put("column", column);
    n.put("variable", variable);
    n.put("message", message);
    n.put("hint", hint);
    return n;
  }
}
