package dev.promptops.cli;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.dotprompt.Problem;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Problems in prompt files as compilers print them, shared by lint, render, push and the error
 * reporter: {@code prompts/support/reply.prompt:7:6: error: ...}, then an indented {@code hint:}.
 */
final class Problems {
  private static final Pattern AT_LINE_COLUMN = Pattern.compile("at line (\\d+), column (\\d+)");
  private static final Pattern ON_LINE = Pattern.compile("on line (\\d+)");

  private Problems() {}

  static void print(PrintWriter out, Problem p, String indent) {
    out.println(indent + p.describe());
    if (p.hint() != null && !p.hint().isEmpty()) {
      out.println(indent + "  hint: " + p.hint());
    }
  }

  /** {@code 2 errors, 1 warning in 3 files}. */
  static String summary(Collection<Problem> problems, int files) {
    long errors = problems.stream().filter(Problem::isError).count();
    long warnings = problems.size() - errors;
    return count(errors, "error")
        + ", "
        + count(warnings, "warning")
        + " in "
        + count(files, "file");
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A file whose front matter does not parse, as an error of that file: the position comes from the
   * parser's message, which already names the file, so that prefix is dropped.
   */
  static Problem unparsable(PromptOpsException e, String origin) {
    String message = oneLine(e.getMessage());
    if (message.startsWith(origin + ": ")) {
      message = message.substring(origin.length() + 2);
    }
    int line = 0;
    int column = 0;
    Matcher m = AT_LINE_COLUMN.matcher(message);
    if (m.find()) {
      line = Integer.parseInt(m.group(1));
      column = Integer.parseInt(m.group(2));
    } else if ((m = ON_LINE.matcher(message)).find()) {
      line = Integer.parseInt(m.group(1));
    }
    return Problem.error(e.code(), origin, line, column, message, e.hint());
  }

  /**
   * A YAML parser's message on one line: its indented context lines (a quote of the file and a
   * caret) are dropped, the rest joined with "; ".
   */
  private static String oneLine(String message) {
    return String.join(
        "; ",
        message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
  }
}
