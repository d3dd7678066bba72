package dev.promptops.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.promptops.core.InvalidInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The server itself: where it listens, its lifecycle, its request log. */
class MockLlmServerIT {
  static final String CHAT =
      "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

  @Test
  void listensOnLoopbackOnly() throws IOException {
    try (var mock = MockLlmServer.start()) {
      assertThat(mock.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(mock.url()).isEqualTo("http://127.0.0.1:" + mock.port());
      assertThat(mock.port()).isPositive();

      InetAddress other = nonLoopbackAddress();
      assumeTrue(other != null, "this machine has no address but loopback");
      try (var socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other, mock.port()), 2000))
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void aTakenPortIsRefusedWithAHint() {
    try (var first = MockLlmServer.start()) {
      assertThatThrownBy(() -> MockLlmServer.start(MockLlmConfig.defaults().withPort(first.port())))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.getMessage()).contains("127.0.0.1:" + first.port());
                assertThat(e.hint()).contains("another port");
              });
    }
  }

  @Test
  void baseUrlsPerProtocol() {
    try (var mock = MockLlmServer.start()) {
      assertThat(mock.baseUrl(MockProtocol.OPENAI)).isEqualTo(mock.url() + "/v1");
      assertThat(mock.baseUrl(MockProtocol.ANTHROPIC)).isEqualTo(mock.url());
      assertThat(mock.baseUrl(MockProtocol.GEMINI)).isEqualTo(mock.url());
      assertThat(mock.baseUrl(MockProtocol.OLLAMA)).isEqualTo(mock.url());
      assertThat(mock.baseUrl(MockProtocol.AZURE_OPENAI)).isEqualTo(mock.url());
    }
  }

  @Test
  void theLogKeepsRequestsWithoutSecrets() {
    var seen = new CopyOnWriteArrayList<RecordedRequest>();
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withListener(seen::add))) {
      var http = new MockHttp(mock);
      http.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-secret", "X-Trace", "t1");
      http.post("//v1//chat/completions/", CHAT, "api-key", "az-secret");

      List<RecordedRequest> all = mock.requests().all();
      assertThat(all).hasSize(2).isEqualTo(seen);
      RecordedRequest first = all.get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.path()).isEqualTo("/v1/chat/completions");
      assertThat(first.protocol()).isEqualTo(MockProtocol.OPENAI);
      assertThat(first.model()).isEqualTo("m");
      assertThat(first.lastUserMessage()).isEqualTo("hi");
      assertThat(first.body().get("model").asText()).isEqualTo("m");
      assertThat(first.header("Authorization")).isEqualTo("Bearer ***");
      assertThat(first.header("x-trace")).isEqualTo("t1");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.summary()).isEqualTo("POST /v1/chat/completions openai m rule=default 200");
      assertThat(all.get(1).path()).isEqualTo("/v1/chat/completions");
      assertThat(all.toString()).doesNotContain("sk-secret", "az-secret");
      assertThat(mock.requests().of(MockProtocol.OPENAI)).hasSize(2);
      assertThat(mock.requests().filter(r -> r.header("x-trace") != null)).hasSize(1);

      mock.requests().clear();
      assertThat(mock.requests().size()).isZero();
      assertThatThrownBy(() -> mock.requests().last()).hasMessageContaining("no request");
    }
  }

  @Test
  void aFailingListenerGetsA500NotAHang() {
    Consumer<RecordedRequest> broken =
        r -> {
          throw new IllegalStateException("listener broke");
        };
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withListener(broken))) {
      var r = new MockHttp(mock).post("/v1/chat/completions", CHAT);

      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body()).contains("listener broke");
    }
  }

  @Test
  void theLogKeepsTheNewestRequests() {
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withLogLimit(2))) {
      var http = new MockHttp(mock);
      for (String text : List.of("a", "b", "c")) {
        http.post("/v1/chat/completions", CHAT.replace("\"hi\"", "\"" + text + "\""));
      }
      assertThat(mock.requests().all())
          .extracting(RecordedRequest::lastUserMessage)
          .containsExactly("b", "c");
    }
  }

  @Test
  void answersManyRequestsAtOnce() {
    var rules =
        MockRules.of(
            MockRule.builder("slow").latency(Latency.fixed(Duration.ofMillis(300))).build());
    try (var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(rules))) {
      var http = new MockHttp(mock);
      var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
      long start = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        calls.add(
            http.client()
                .sendAsync(
                    HttpRequest.newBuilder(URI.create(mock.url() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));
      }
      calls.forEach(c -> assertThat(c.join().statusCode()).isEqualTo(200));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(mock.requests().size()).isEqualTo(50);
    }
  }

  @Test
  void closeReleasesHeldRequests() throws Exception {
    var rules = MockRules.of(MockRule.builder("hang").fault(Fault.timeout()).build());
    var mock = MockLlmServer.start(MockLlmConfig.defaults().withRules(rules));
    var http = new MockHttp(mock);
    var held =
        http.client()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(mock.url() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    while (mock.requests().size() == 0) {
      Thread.sleep(10);
    }
    long start = System.nanoTime();

    mock.close();
    mock.awaitClose();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThatThrownBy(held::join).hasCauseInstanceOf(IOException.class);
  }

  private static InetAddress nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          return a;
        }
      }
    }
    return null;
  }
}
