package dev.promptops.server.api;

import static dev.promptops.server.http.Route.get;
import static dev.promptops.server.http.Route.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.Permission;
import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.EvalRun;
import dev.promptops.core.eval.EvalStatus;
import dev.promptops.core.eval.runs.EvalRequest;
import dev.promptops.core.eval.runs.Evaluations;
import dev.promptops.core.json.Json;
import dev.promptops.core.store.EvalRepository.EvalQuery;
import dev.promptops.core.wire.Wire;
import dev.promptops.server.http.Access;
import dev.promptops.server.http.Call;
import dev.promptops.server.http.Reply;
import dev.promptops.server.http.Route;
import java.util.List;

/**
 * Evaluation runs: started on the server (a worker runs them in the background), uploaded by a CLI
 * that ran a suite elsewhere, listed per prompt version with their gate verdicts, their case
 * results page by page.
 */
final class EvalRoutes {
  static final String EVALS = ProjectRoutes.PROJECT + "/evals";
  static final String EVAL = EVALS + "/{id}";

  private EvalRoutes() {}

  static List<Route> routes(Services s) {
    Evaluations evals = s.evals().evaluations();
    Access read = Access.project(Permission.READ);
    Access run = Access.project(Permission.EVAL);
    return List.of(
        post(
            EVALS,
            run,
            "Start an evaluation run on the server",
            call ->
                Reply.of(
                    202,
                    EvalJson.run(
                        evals.submit(
                            call.principal(), project(call), EvalRequest.fromJson(call.json())),
                        false))),
        get(EVALS, read, "Evaluation runs, newest first", call -> list(evals, call)),
        get(
            EVAL,
            read,
            "One evaluation run with its report",
            call ->
                Reply.ok(
                    EvalJson.run(
                        evals.get(call.principal(), project(call), call.param("id")), true))),
        get(
            EVAL + "/results",
            read,
            "The case results of a run, page by page",
            call -> results(evals, call)),
        post(
            EVAL + "/cancel",
            run,
            "Stop a queued or running evaluation",
            call ->
                Reply.ok(
                    EvalJson.run(
                        evals.cancel(call.principal(), project(call), call.param("id")), false))),
        post(
            EVALS + "/uploads",
            run,
            "Start the upload of a run made elsewhere",
            call ->
                Reply.created(
                    EvalJson.run(
                        evals.startUpload(call.principal(), project(call), call.json()), false))),
        post(
            EVAL + "/results",
            run,
            "Append a batch of an upload's results",
            call -> {
              JsonNode list = call.json().path("results");
              if (!list.isArray()) {
                throw new InvalidInputException(
                    "invalid_upload",
                    "the request has no 'results' list",
                    "send {\"results\": [...]}");
              }
              long count =
                  evals.appendUploaded(
                      call.principal(),
                      project(call),
                      call.param("id"),
                      Wire.list(list, EvalJson::caseResult));
              return Reply.ok(Json.object().put("stored", count));
            }),
        post(
            EVAL + "/report",
            run,
            "Finish an upload with its report",
            call -> {
              JsonNode report = call.json().path("report");
              if (!report.isObject()) {
                throw new InvalidInputException(
                    "invalid_upload",
                    "the request has no 'report' object",
                    "send {\"report\": {...}}");
              }
              EvalRun done =
                  evals.finishUpload(
                      call.principal(), project(call), call.param("id"), EvalJson.report(report));
              return Reply.ok(EvalJson.run(done, false));
            }));
  }

  private static String project(Call call) {
    return call.param("project");
  }

  private static Reply list(Evaluations evals, Call call) {
    var query =
        new EvalQuery(
            call.query("prompt").orElse(null),
            call.queryInt("version").orElse(null),
            call.query("digest").orElse(null),
            call.query("status").map(EvalRoutes::status).orElse(null),
            call.query("before").orElse(null),
            call.queryInt("limit").orElse(50));
    List<EvalRun> runs = evals.list(call.principal(), project(call), query);
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("runs");
    runs.forEach(r -> items.add(EvalJson.run(r, false)));
    body.put("next", runs.size() == query.limit() && !runs.isEmpty() ? runs.getLast().id() : null);
    return Reply.ok(body);
  }

  private static EvalStatus status(String s) {
    try {
      return EvalStatus.of(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid_status",
          "not a run status: '" + s + "'",
          "use queued, running, finished, interrupted or failed");
    }
  }

  private static Reply results(Evaluations evals, Call call) {
    int limit = call.queryInt("limit").orElse(100);
    var page =
        evals.results(
            call.principal(),
            project(call),
            call.param("id"),
            call.queryLong("after").orElse(0L),
            limit,
            call.query("failing").map(Boolean::parseBoolean).orElse(false),
            call.query("q").orElse(null));
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("results");
    page.forEach(
        r -> {
          ObjectNode n = EvalJson.caseResult(r.result());
          n.put("seq", r.seq());
          items.add(n);
        });
    body.put("next", page.size() == limit && !page.isEmpty() ? page.getLast().seq() : null);
    return Reply.ok(body);
  }
}
