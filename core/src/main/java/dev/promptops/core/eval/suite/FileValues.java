package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * promptfoo's {@code file://} values (a variable, an assertion's value, a provider's setting): a
 * {@code .json} file is parsed as JSON, {@code .yaml}/{@code .yml} as YAML, anything else is its
 * text. Scripts are refused (PromptOps runs no JavaScript or Python), and so are binary files
 * (images, PDFs) a Dotprompt variable cannot carry.
 */
final class FileValues {
  static final String PREFIX = "file://";
  private static final Pattern SCRIPT =
      Pattern.compile(
          ".*\\.(js|cjs|mjs|ts|cts|mts|py|rb|sh)(:[\\w.]+)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BINARY =
      Pattern.compile(
          ".*\\.(png|jpe?g|gif|webp|bmp|tiff?|pdf|mp3|mp4|wav|mov|webm|xlsx?|zip)$",
          Pattern.CASE_INSENSITIVE);

  private final Origin origin;

  FileValues(Origin origin) {
    this.origin = origin;
  }

  static boolean isRef(JsonNode v) {
    return v != null && v.isTextual() && v.textValue().startsWith(PREFIX);
  }

  static String path(String ref) {
    return ref.startsWith(PREFIX) ? ref.substring(PREFIX.length()) : ref;
  }

  /** The files a reference names: one, or the matches of a pattern (none is an error). */
  List<Path> files(String ref, String where) {
    String path = path(ref);
    refuseScripts(path, where);
    if (!Globs.isPattern(path)) {
      return List.of(origin.resolve(path));
    }
    List<Path> matches = Globs.expand(origin.dir(), path);
    if (matches.isEmpty()) {
      throw SuiteErrors.invalid(
          where,
          "no file matches " + ref,
          "check the pattern; it is relative to " + Origin.show(origin.dir()));
    }
    return matches;
  }

  /** The value of one file reference (no pattern). */
  JsonNode load(String ref, String where, MessageDigest sink) {
    List<Path> files = files(ref, where);
    if (files.size() != 1) {
      throw SuiteErrors.invalid(
          where, ref + " matches " + files.size() + " files", "name exactly one file here");
    }
    return load(files.getFirst(), where, sink);
  }

  JsonNode load(Path file, String where, MessageDigest sink) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    refuseScripts(name, where);
    if (BINARY.matcher(name).matches()) {
      throw SuiteErrors.unsupported(
          where,
          Origin.show(file) + " is a binary file (an image, a PDF, a spreadsheet …)",
          "Dotprompt variables carry text and JSON; put the text in a .txt file, or pass media"
              + " with the {{media}} helper and a URL variable");
    }
    byte[] bytes = bytes(file, where);
    if (sink != null) {
      sink.update((origin.relative(file) + "\0" + sha256(bytes) + "\n").getBytes(UTF8));
    }
    String text = new String(bytes, UTF8);
    if (name.endsWith(".json")) {
      return parse(text, file, where, false);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return parse(text, file, where, true);
    }
    return TextNode.valueOf(text);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  static byte[] bytes(Path file, String where) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw SuiteErrors.invalid(
          where,
          "file not found: " + Origin.show(file),
          "check the path; it is relative to the suite file");
    } catch (IOException e) {
      throw SuiteErrors.unreadable(Origin.show(file), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static JsonNode parse(String text, Path file, String where, boolean yaml) {
    try {
      JsonNode n = yaml ? Json.yaml().readTree(text) : Json.parse(text);
      return n == null || n.isMissingNode() ? Json.object().nullNode() : n;
    } catch (JsonProcessingException e) {
      throw SuiteErrors.invalid(
          where,
          Origin.show(file) + " is not valid " + (yaml ? "YAML" : "JSON") + " (" + pos(e) + ")",
          "fix the file, or give it a .txt name to pass it as text");
    }
  }

  static String pos(JsonProcessingException e) {
    String at = Json.location(e);
    return (at.isEmpty() ? "" : at + ": ") + e.getOriginalMessage();
  }

  private static void refuseScripts(String path, String where) {
    if (SCRIPT.matcher(path).matches()) {
      throw SuiteErrors.unsupported(
          where,
          path + " is a script; PromptOps runs no JavaScript, Python or shell code",
          "give the value itself (text, JSON or YAML) instead of a program that computes it");
    }
  }
}
