package dev.promptops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.provider.ModelRef;
import dev.promptops.core.provider.PriceTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesTest {
  @TempDir Path data;

  static Optional<BigDecimal> input(PriceTable t, String model) {
    return t.price(ModelRef.parse(model)).map(PriceTable.Price::inputPerMillion);
  }

  @Test
  void withoutAFileTheDefaultsPriceWellKnownModels() {
    PriceTable t = Prices.load(data);

    assertThat(input(t, "openai/gpt-4o-mini"))
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.15"));
    assertThat(input(t, "ollama/llama3.2")).hasValueSatisfying(p -> assertThat(p).isZero());
    assertThat(input(t, "vllm/llama-3-8b")).isEmpty();
  }

  @Test
  void aFileInTheDataDirectoryOverridesModelByModel() throws Exception {
    Files.writeString(
        data.resolve("prices.yaml"),
        """
        openai/gpt-4o-mini: {input: 0.10, output: 0.40}
        vllm/*: {input: 0, output: 0}
        """);

    PriceTable t = Prices.load(data);

    assertThat(input(t, "openai/gpt-4o-mini"))
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.10"));
    assertThat(input(t, "vllm/llama-3-8b")).hasValueSatisfying(p -> assertThat(p).isZero());
    assertThat(input(t, "anthropic/claude-sonnet-4-5"))
        .as("a model the file does not name keeps its default")
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("3.00"));
  }

  @Test
  void aBrokenFileIsAClearErrorNamingIt() throws Exception {
    Path file = data.resolve("prices.yaml");
    Files.writeString(file, "openai/gpt-4o-mini: {input: [\n");
    assertThatThrownBy(() -> Prices.load(data))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid YAML");

    Files.writeString(file, "openai/gpt-4o-mini: {input: cheap, output: 1}\n");
    assertThatThrownBy(() -> Prices.load(data))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file + ": price of 'openai/gpt-4o-mini' needs numbers");
  }
}
