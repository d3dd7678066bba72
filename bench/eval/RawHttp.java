import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The reference the eval bench compares with: the same number of chat completions sent to the
 * same mock server at the same concurrency by the JDK's HTTP client alone, on virtual threads, in
 * a fresh JVM (the first round, cold, as an eval run is). Prints the wall seconds of that round.
 * Usage: java RawHttp.java URL CASES CONCURRENCY
 */
public final class RawHttp {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int cases = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    var client = HttpClient.newHttpClient();
    var permits = new Semaphore(concurrency);
    long start = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < cases; i++) {
        String body =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write one sentence about topic "
                + (i % 17)
                + " number "
                + i
                + ".\"}]}";
        var request =
            HttpRequest.newBuilder(url)
                .header("content-type", "application/json")
                .header("authorization", "Bearer bench")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        permits.acquire();
        threads.submit(
            () -> {
              try {
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                  throw new IllegalStateException("status " + response.statusCode());
                }
              } finally {
                permits.release();
              }
              return null;
            });
      }
    }
    System.out.printf("%.3f%n", (System.nanoTime() - start) / 1e9);
    client.close();
  }
}
