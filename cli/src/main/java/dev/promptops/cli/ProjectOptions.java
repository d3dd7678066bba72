package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.names.Names;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which project a command works on: {@code --project}, else {@code PROMPTOPS_PROJECT}, else the
 * {@code project:} of the nearest promptops.yaml above the working directory.
 */
final class ProjectOptions {
  private final Context ctx;
  private Optional<ProjectFile> file;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description =
          "project (env PROMPTOPS_PROJECT; default: the project of the nearest promptops.yaml)")
  private String project;

  ProjectOptions(Context ctx) {
    this.ctx = ctx;
  }

  /** The project named by the option or the environment, if any; never from promptops.yaml. */
  Optional<String> explicit() {
    String name = project != null ? project : ctx.env("PROMPTOPS_PROJECT");
    return Optional.ofNullable(name).map(Names::project);
  }

  /** The nearest promptops.yaml, read and checked (once), if there is one. */
  Optional<ProjectFile> file() {
    if (file == null) {
      file = ProjectFile.find(ctx.workDir()).map(ProjectFile::read);
    }
    return file;
  }

  /** The nearest promptops.yaml; an error naming what to do when there is none. */
  ProjectFile requireFile() {
    return file()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no_project_file",
                    "no " + ProjectFile.NAME + " in " + ctx.workDir() + " or any folder above it",
                    "run 'promptops init' to create one, or run this in your project's folder"));
  }

  /** The project to work on; an error naming the three ways to give one when there is none. */
  String name() {
    return explicit()
        .or(() -> file().map(ProjectFile::project))
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no_project",
                    "no project given, and no "
                        + ProjectFile.NAME
                        + " found above "
                        + ctx.workDir(),
                    "pass --project NAME, set PROMPTOPS_PROJECT, or run inside a folder with a "
                        + ProjectFile.NAME
                        + " (promptops init)"));
  }
}
