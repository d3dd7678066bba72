package dev.promptops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.eval.EvalIds;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where local evaluation runs keep their results: {@code .promptops/evals/<run id>/} in the project
 * (beside promptops.yaml, else the current folder), with {@code run.json} (what was asked, to
 * resume), {@code results.jsonl} (every case result, appended as it arrives) and {@code
 * report.json} (the totals, when the run ends or is stopped).
 */
final class EvalRunsFolder {
  static final String DIR = ".promptops/evals";

  private final Path root;

  EvalRunsFolder(Path projectRoot) {
    this.root = projectRoot.resolve(DIR);
  }

  /** A new run id: {@code ev_20261202T081530_3fa2c8}. */
  static String newId(Instant now) {
    return EvalIds.newId(now);
  }

  Path dir(String id) {
    if (!EvalIds.valid(id)) {
      throw new InvalidInputException(
          "invalid_run_id",
          "not a run id: '" + id + "'",
          "run ids look like ev_20261202T081530_3fa2c8; see " + DIR);
    }
    return root.resolve(id);
  }

  Path results(String id) {
    return dir(id).resolve("results.jsonl");
  }

  Path report(String id) {
    return dir(id).resolve("report.json");
  }

  void writeRun(String id, ObjectNode run) {
    try {
      Files.createDirectories(dir(id));
      Files.writeString(dir(id).resolve("run.json"), Json.writePretty(run) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir(id).resolve("run.json"), e);
    }
  }

  /** What a run was asked to do, to resume it. */
  JsonNode readRun(String id) {
    Path file = dir(id).resolve("run.json");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "unknown_run",
          "no run " + id + " in " + root,
          "resume a run of this project: its id is printed when it is interrupted");
    }
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(
          "damaged_run", "cannot read " + file + ": " + e.getMessage(), "run the suite again");
    }
  }
}
