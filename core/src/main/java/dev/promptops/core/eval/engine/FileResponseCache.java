package dev.promptops.core.eval.engine;

import dev.promptops.core.eval.EvalJson;
import dev.promptops.core.eval.Output;
import dev.promptops.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A response cache in a folder: one small JSON file per key, in 256 sub-folders by the key's first
 * two hex digits, written to a temporary file and moved into place, so concurrent runs (even two
 * processes) never see half an entry. An entry that cannot be read is a miss.
 */
public final class FileResponseCache implements ResponseCache {
  private final Path dir;

  public FileResponseCache(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  private Path file(String key) {
    String hex = key.startsWith("sha256:") ? key.substring(7) : key;
    return dir.resolve(hex.substring(0, 2)).resolve(hex + ".json");
  }

  @Override
  public Optional<Output> get(String key) {
    try {
      String text = Files.readString(file(key), StandardCharsets.UTF_8);
      return Optional.of(EvalJson.output(Json.parse(text)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, Output output) {
    Path target = file(key);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".entry", ".tmp");
      Files.writeString(tmp, Json.write(EvalJson.output(output)), StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the response cache in " + dir, e);
    }
  }
}
