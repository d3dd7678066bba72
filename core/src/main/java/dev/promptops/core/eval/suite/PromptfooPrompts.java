package dev.promptops.core.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptops.core.eval.PromptSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * promptfoo's {@code prompts}: raw strings (a template, or a JSON chat list), {@code file://} files
 * ({@code .txt} with prompts split by {@code ---} lines, {@code .md}, {@code .j2}: template text;
 * {@code .json}, {@code .yaml}: a chat list; {@code .jsonl}: a chat list per line; {@code .csv}: a
 * {@code prompt} column and an optional {@code label}; {@code .prompt}: a Dotprompt file run as
 * is), patterns of those, and {@code {id|raw, label}} objects. Scripts, executables and
 * prompt-management URLs are refused. Without {@code prompts}, promptfoo's default {@code
 * {{prompt}}} is used.
 */
final class PromptfooPrompts {
  private static final List<String> OBJECT_KEYS = List.of("id", "raw", "label");

  /** A prompt and how the digest records it. */
  record Prompt(PromptSource source, ObjectNode digest) {}

  private final Origin origin;
  private final Set<String> labels = new HashSet<>();
  private final List<Prompt> out = new ArrayList<>();

  PromptfooPrompts(Origin origin) {
    this.origin = origin;
  }

  List<Prompt> read(JsonNode prompts) {
    if (Nodes.absent(prompts)) {
      inline("{{prompt}}", "{{prompt}}", origin.at("prompts"));
      return out;
    }
    if (prompts.isObject()) {
      int i = 0;
      for (var e : prompts.properties()) {
        entry(e.getKey(), e.getValue().asText(), origin.at("prompts " + ++i));
      }
      return out;
    }
    List<JsonNode> items = Nodes.items(prompts);
    for (int i = 0; i < items.size(); i++) {
      entry(items.get(i), origin.at("prompts " + (i + 1)));
    }
    return out;
  }

  private void entry(JsonNode item, String where) {
    if (item.isTextual()) {
      entry(item.textValue(), null, where);
      return;
    }
    ObjectNode o = Nodes.object(item, where, "a prompt text, file://prompt.txt or {id, label}");
    if (o.has("config") || o.has("function")) {
      throw SuiteErrors.unsupported(
          where,
          "a prompt with its own config or function is not supported",
          "move generation parameters to the provider's config");
    }
    Nodes.onlyKeys(o, OBJECT_KEYS, where);
    String raw = Nodes.text(o, "raw", where);
    entry(
        raw != null ? raw : Nodes.requiredText(o, "id", where, "id: file://prompt.txt"),
        Nodes.text(o, "label", where),
        where);
  }

  private void entry(String raw, String label, String where) {
    for (String scheme : List.of("exec:", "langfuse://", "portkey://", "helicone://", "http")) {
      if (raw.startsWith(scheme)) {
        throw SuiteErrors.unsupported(
            where,
            "prompt '" + raw + "' comes from a program or a service, not a file",
            "write the prompt in the config, or in a file (file://prompt.txt, a .prompt file)");
      }
    }
    String path = filePath(raw);
    if (path == null) {
      JsonNode chat = ChatPrompts.asMessages(raw);
      String source =
          chat != null ? ChatPrompts.fromMessages(chat, where) : ChatPrompts.fromText(raw, where);
      inline(label != null ? label : shortLabel(raw), source, where);
      return;
    }
    var values = new FileValues(origin);
    List<Path> files = values.files(path, where);
    for (Path file : files) {
      String rel = origin.relative(file);
      file(file, rel, files.size() > 1 && label != null ? label + ": " + rel : label, where);
    }
  }

  /** The path a raw entry names: {@code file://…}, or a bare path of an existing file. */
  private String filePath(String raw) {
    if (raw.startsWith(FileValues.PREFIX)) {
      return FileValues.path(raw);
    }
    boolean pathLike = !raw.contains("\n") && !raw.contains("{{") && !raw.contains(" ");
    return pathLike
            && raw.matches(".*\\.[A-Za-z0-9]{1,6}")
            && Files.isRegularFile(origin.resolve(raw))
        ? raw
        : null;
  }

  private void file(Path file, String rel, String label, String where) {
    String at = where + " (" + rel + ")";
    String ext = extension(file);
    if (ext.equals("prompt")) {
      var source = new PromptSource.File(file, PromptNames.of(file, at));
      add(source, SuiteDigest.prompt(source, rel), at);
      return;
    }
    String text = new String(FileValues.bytes(file, at), StandardCharsets.UTF_8);
    switch (ext) {
      case "txt" -> texts(split(text), label != null ? label : rel, at);
      case "md", "j2" -> inline(label != null ? label : rel, ChatPrompts.fromText(text, at), at);
      case "json", "yaml", "yml" ->
          inline(label != null ? label : rel, ChatPrompts.fromMessages(tree(file, at), at), at);
      case "jsonl" -> jsonl(text, label != null ? label : rel, at);
      case "csv" -> csv(text, label, rel, at);
      default ->
          throw SuiteErrors.unsupported(
              at,
              "prompt files of type ." + ext + " are not supported",
              "use .txt, .md, .json (a chat list), .yaml, .jsonl, .csv or a .prompt file");
    }
  }

  private void texts(List<String> prompts, String label, String where) {
    for (int i = 0; i < prompts.size(); i++) {
      String l = prompts.size() > 1 ? label + " #" + (i + 1) : label;
      inline(l, ChatPrompts.fromText(prompts.get(i), where + " #" + (i + 1)), where);
    }
  }

  /** A {@code .txt} file's prompts: split at lines holding only {@code ---}, each trimmed. */
  static List<String> split(String text) {
    var prompts = new ArrayList<String>();
    var buffer = new StringBuilder();
    for (String line : text.split("\\r?\\n", -1)) {
      if (line.strip().equals("---")) {
        flush(buffer, prompts);
      } else {
        buffer.append(line).append('\n');
      }
    }
    flush(buffer, prompts);
    return prompts;
  }

  private static void flush(StringBuilder buffer, List<String> prompts) {
    String raw = buffer.toString().strip();
    if (!raw.isEmpty()) {
      prompts.add(raw);
    }
    buffer.setLength(0);
  }

  private void jsonl(String text, String label, String where) {
    String[] lines = text.split("\\r?\\n");
    int n = 0;
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        String at = where + ":" + (i + 1);
        JsonNode chat = ChatPrompts.asMessages(lines[i]);
        if (chat == null) {
          throw SuiteErrors.invalid(
              at, "a line must be a chat list [{role, content}]", "fix the line");
        }
        inline(label + " #" + ++n, ChatPrompts.fromMessages(chat, at), at);
      }
    }
  }

  private void csv(String text, String label, String rel, String where) {
    try {
      var reader = new CsvReader(new StringReader(text), where);
      List<String> header = reader.next();
      int prompt = header == null ? -1 : header.indexOf("prompt");
      if (prompt < 0) {
        throw SuiteErrors.invalid(
            where, "a prompts CSV needs a 'prompt' column", "add a header prompt,label");
      }
      int labelColumn = header.indexOf("label");
      for (List<String> row = reader.next(); row != null; row = reader.next()) {
        String at = where + ":" + reader.recordLine();
        String own = labelColumn >= 0 && labelColumn < row.size() ? row.get(labelColumn) : "";
        String l =
            !own.isBlank()
                ? own
                : (label != null ? label + ": " : rel + ": ") + shortLabel(row.get(prompt));
        inline(l, ChatPrompts.fromText(row.get(prompt), at), at);
      }
    } catch (IOException e) {
      throw SuiteErrors.unreadable(where, e);
    }
  }

  private JsonNode tree(Path file, String where) {
    return new FileValues(origin).load(file, where, null);
  }

  private void inline(String label, String source, String where) {
    var p = new PromptSource.Inline(unique(label), source);
    add(p, SuiteDigest.prompt(p, null), where);
  }

  private void add(PromptSource source, ObjectNode digest, String where) {
    if (source instanceof PromptSource.File) {
      unique(source.label());
    }
    out.add(new Prompt(source, digest));
  }

  private String unique(String label) {
    String l = label;
    for (int i = 2; !labels.add(l); i++) {
      l = label + " (" + i + ")";
    }
    return l;
  }

  static String shortLabel(String raw) {
    String s = raw.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 57) + "…" : s;
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
