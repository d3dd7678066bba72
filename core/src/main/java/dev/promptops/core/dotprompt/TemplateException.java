package dev.promptops.core.dotprompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A prompt that cannot be compiled or rendered: bad template syntax, an unknown helper or partial,
 * or variables that do not fit the input schema. Every problem names the file, line, column and,
 * where there is one, the variable. Its details are {@code {"problems": [...]}}.
 */
public final class TemplateException extends PromptOpsException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public TemplateException(String code, List<Problem> problems) {
    super(
        ErrorKind.UNPROCESSABLE,
        code,
        message(problems),
        problems.isEmpty() ? "" : problems.getFirst().hint(),
        details(problems),
        null);
    this.problems = List.copyOf(problems);
  }

  public TemplateException(Problem problem) {
    this(problem.code(), List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    return problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
  }

  private static ObjectNode details(List<Problem> problems) {
    ObjectNode details = Json.object();
    ArrayNode list = details.putArray("problems");
    problems.forEach(p -> list.add(p.toJson()));
    return details;
  }
}
