package dev.promptops.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptops.core.InvalidInputException;
import dev.promptops.core.json.Json;
import dev.promptops.core.provider.PriceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's price table: the defaults ({@link PriceTable#defaults()}), overridden model by model
 * by {@code prices.yaml} in the data directory when there is one.
 */
final class Prices {
  static final String FILE = "prices.yaml";

  private Prices() {}

  static PriceTable load(Path dataDir) {
    PriceTable defaults = PriceTable.defaults();
    Path file = dataDir == null ? null : dataDir.resolve(FILE);
    if (file == null || !Files.isRegularFile(file)) {
      return defaults;
    }
    try {
      return PriceTable.fromJson(Json.yaml().readTree(Files.readString(file))).orElse(defaults);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.code(), file + ": " + e.getMessage(), e.hint());
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "invalid_prices",
          file + " is not valid YAML: " + e.getOriginalMessage(),
          "fix it, or remove it to use the defaults");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
