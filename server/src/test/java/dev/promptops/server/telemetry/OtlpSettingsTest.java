package dev.promptops.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpSettingsTest {
  @Test
  void noEndpointMeansNoTracing() {
    assertThat(OtlpSettings.from(Map.of())).isEmpty();
    assertThat(
            OtlpSettings.from(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://c:4318",
                    "OTEL_TRACES_EXPORTER",
                    "none")))
        .isEmpty();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathAndTheTracesEndpointIsTakenAsIs() {
    var base = OtlpSettings.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/")).get();
    assertThat(base.endpoint()).hasToString("http://c:4318/v1/traces");
    assertThat(base.serviceName()).isEqualTo("promptops");
    assertThat(base.every()).isEqualTo(Duration.ofSeconds(5));
    var traces =
        OtlpSettings.from(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://t.example/otlp/traces",
                    "OTEL_EXPORTER_OTLP_HEADERS", "a=1, b=x%20y",
                    "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2",
                    "OTEL_SERVICE_NAME", "shop-prompts",
                    "OTEL_BSP_SCHEDULE_DELAY", "250"))
            .get();
    assertThat(traces.endpoint()).hasToString("https://t.example/otlp/traces");
    assertThat(traces.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    assertThat(traces.serviceName()).isEqualTo("shop-prompts");
    assertThat(traces.every()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void whatCannotWorkIsRefusedSayingHowToFixIt() {
    assertThatThrownBy(
            () ->
                OtlpSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("OTLP protocol grpc is not supported")
        .satisfies(e -> assertThat(((InvalidInputException) e).hint()).contains("http/json"));
    assertThatThrownBy(() -> OtlpSettings.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "c:4318")))
        .hasMessageContaining("not an OTLP endpoint URL");
    assertThatThrownBy(
            () ->
                OtlpSettings.from(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                        "OTEL_EXPORTER_OTLP_HEADERS", "novalue")))
        .hasMessageContaining("OTLP header 'novalue' is not key=value");
  }

  @Test
  void traceparentIsReadAsTheW3cSpecificationSays() {
    var c = TraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(c.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(c.sampled()).isTrue();
    assertThat(TraceContext.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").sampled())
        .isFalse();
    for (String bad :
        new String[] {
          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
          "garbage"
        }) {
      var fresh = TraceContext.of(bad);
      assertThat(fresh.parentSpanId()).as(bad).isNull();
      assertThat(fresh.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
    }
  }
}
