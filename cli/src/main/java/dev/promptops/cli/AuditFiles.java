package dev.promptops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.audit.AuditCheckpoint;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.audit.AuditPublicKey;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The auditor's files: exported entries and checkpoints as JSON Lines (one object a line, the API's
 * shapes), and public keys as PEM. Reading an export is lazy: a file of any size fits.
 */
final class AuditFiles {
  private AuditFiles() {}

  /** A writer of JSON Lines to {@code file}; close it when done. */
  static BufferedWriter writer(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannot("write", file, e);
    }
  }

  static void writeLine(BufferedWriter out, JsonNode node, Path file) {
    try {
      out.write(Json.write(node));
      out.write('\n');
    } catch (IOException e) {
      throw cannot("write", file, e);
    }
  }

  /** The entries of an export file, read one line at a time as they are asked for. */
  static Iterator<AuditEntry> entries(Path file, BufferedReader in) {
    return new Iterator<>() {
      private String next = advance();
      private int line = 1;

      private String advance() {
        try {
          String l;
          do {
            l = in.readLine();
          } while (l != null && l.isBlank());
          return l;
        } catch (IOException e) {
          throw new UncheckedIOException(cannot("read", file, e).getMessage(), e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public AuditEntry next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        AuditEntry e = parse(next, file, line++, Wire::audit);
        next = advance();
        return e;
      }
    };
  }

  static BufferedReader reader(Path file) {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannot("read", file, e);
    }
  }

  /**
   * Checkpoints from a file of JSON Lines, or of one JSON document: a checkpoint, an array of them,
   * or the answer of {@code GET /api/v1/audit/checkpoints}.
   */
  static List<AuditCheckpoint> checkpoints(Path file) {
    String text = read(file);
    try {
      JsonNode whole = Json.parse(text);
      JsonNode list = whole.has("checkpoints") ? whole.get("checkpoints") : whole;
      if (!list.isArray() && !list.isObject()) {
        throw new InvalidInputException(
            "invalid_audit_file",
            file + " holds no checkpoint",
            "give a file written by `promptops audit export --checkpoints FILE`");
      }
      return list.isArray() ? Wire.list(list, Wire::checkpoint) : List.of(Wire.checkpoint(list));
    } catch (JsonProcessingException notOneDocument) {
      var all = new ArrayList<AuditCheckpoint>();
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          all.add(parse(lines[i], file, i + 1, Wire::checkpoint));
        }
      }
      return all;
    }
  }

  static AuditPublicKey publicKey(Path file) {
    return AuditPublicKey.parse(read(file), file.toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw cannot("read", file, e);
    }
  }

  private static <T> T parse(String text, Path file, int line, Function<JsonNode, T> as) {
    try {
      JsonNode node = Json.parse(text);
      if (!node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return as.apply(node);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvalidInputException(
          "invalid_audit_file",
          file + " line " + line + " is not an audit record: " + e.getMessage(),
          "give a file written by `promptops audit export`");
    }
  }

  private static InvalidInputException cannot(String what, Path file, IOException e) {
    return new InvalidInputException(
        "audit_file_" + what,
        "cannot " + what + " " + file + ": " + e.getMessage(),
        "check the path and its permissions");
  }
}
