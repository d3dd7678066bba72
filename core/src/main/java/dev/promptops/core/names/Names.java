package dev.promptops.core.names;

import dev.promptops.core.InvalidInputException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules for projects, prompts, environments and labels, in one place. Every name that
 * enters PromptOps passes through here.
 */
public final class Names {
  /** Longest prompt name, folders included. */
  public static final int MAX_PROMPT_NAME = 200;

  /** The label the server maintains: always the newest version of a prompt. */
  public static final String LATEST = "latest";

  private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
  private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Set<String> RESERVED_TARGETS = Set.of(LATEST);

  private Names() {}

  /** A project: lower-case letters, digits, {@code -} and {@code _}, at most 63 characters. */
  public static String project(String name) {
    if (name == null || !PROJECT.matcher(name).matches()) {
      throw invalid(
          "invalid_project_name",
          "not a valid project name: " + quote(name),
          "use 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit,"
              + " e.g. 'support-bot'");
    }
    return name;
  }

  /**
   * A provider of a project (the {@code provider} part of {@code provider/model}): the rules of a
   * project name, e.g. {@code openai} or {@code azure-eu}.
   */
  public static String provider(String name) {
    if (name == null || !PROJECT.matcher(name).matches()) {
      throw invalid(
          "invalid_provider_name",
          "not a valid provider name: " + quote(name),
          "use 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit,"
              + " e.g. 'openai' or 'azure-eu'");
    }
    return name;
  }

  /**
   * A prompt: one or more folder segments separated by {@code /} (e.g. {@code support/reply}); each
   * segment has letters, digits, {@code -} and {@code _}, and does not start with {@code -}.
   */
  public static String prompt(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_PROMPT_NAME) {
      throw invalidPrompt(name);
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw invalidPrompt(name);
      }
    }
    return name;
  }

  /** An environment or a free label: lower-case, starting with a letter, at most 32 characters. */
  public static String target(String name) {
    if (name == null || !TARGET.matcher(name).matches()) {
      throw invalid(
          "invalid_target_name",
          "not a valid environment or label name: " + quote(name),
          "use 1-32 lower-case letters, digits, '-' or '_', starting with a letter,"
              + " e.g. 'staging' or 'canary'");
    }
    return name;
  }

  /** A target a user may pin: a valid name that is not one the server maintains itself. */
  public static String pinnableTarget(String name) {
    target(name);
    if (RESERVED_TARGETS.contains(name)) {
      throw invalid(
          "reserved_label",
          "'" + name + "' is maintained by the server and cannot be pinned",
          "'latest' always points to the newest version; pin another label instead");
    }
    return name;
  }

  private static InvalidInputException invalidPrompt(String name) {
    return invalid(
        "invalid_prompt_name",
        "not a valid prompt name: " + quote(name),
        "use folder segments separated by '/', each of letters, digits, '-' or '_' and not"
            + " starting with '-', at most "
            + MAX_PROMPT_NAME
            + " characters in all, e.g. 'support/reply'");
  }

  private static InvalidInputException invalid(String code, String message, String hint) {
    return new InvalidInputException(code, message, hint);
  }

  static String quote(String s) {
    if (s == null) {
      return "(none)";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "'" + shown + "'";
  }
}
