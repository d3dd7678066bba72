package dev.promptops.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.promptops.core.provider.GenerationConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namesTheParametersAConfigSets() throws Exception {
    var schema = JSON.readTree("{\"type\":\"object\"}");
    var all = new GenerationConfig(0.5, 100, 0.9, 40, List.of("END"), true, schema);
    assertThat(Parameters.set(all))
        .containsExactly(
            "temperature", "maxOutputTokens", "topP", "topK", "stopSequences", "jsonSchema");
    var json = new GenerationConfig(null, null, null, null, null, true, null);
    assertThat(Parameters.set(json)).containsExactly("json");
    assertThat(Parameters.set(GenerationConfig.none())).isEmpty();
  }

  @Test
  void unsupportedAreThoseSetButNotSupported() {
    var config = new GenerationConfig(0.5, null, null, 40, null, true, null);
    assertThat(Parameters.unsupported(config, Set.of("temperature", "jsonSchema")))
        .containsExactly("topK", "json");
  }

  @Test
  void mapsToLangChain4jParameters() throws Exception {
    var schema =
        JSON.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
    var p =
        Parameters.toLangChain4j(
            "m", new GenerationConfig(0.5, 100, 0.9, 40, List.of("END"), true, schema));
    assertThat(p.modelName()).isEqualTo("m");
    assertThat(p.temperature()).isEqualTo(0.5);
    assertThat(p.maxOutputTokens()).isEqualTo(100);
    assertThat(p.topP()).isEqualTo(0.9);
    assertThat(p.topK()).isEqualTo(40);
    assertThat(p.stopSequences()).containsExactly("END");
    assertThat(p.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
    assertThat(p.responseFormat().jsonSchema().name()).isEqualTo("output");
    var raw = (JsonRawSchema) p.responseFormat().jsonSchema().rootElement();
    assertThat(JSON.readTree(raw.schema())).isEqualTo(schema);
  }

  @Test
  void jsonWithoutSchemaIsJsonMode() {
    var p =
        Parameters.toLangChain4j(
            "m", new GenerationConfig(null, null, null, null, null, true, null));
    assertThat(p.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
    assertThat(p.responseFormat().jsonSchema()).isNull();
    assertThat(Parameters.toLangChain4j("m", GenerationConfig.none()).responseFormat()).isNull();
  }
}
