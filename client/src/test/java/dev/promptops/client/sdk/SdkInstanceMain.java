package dev.promptops.client.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * An application instance in a JVM of its own, for {@code PromptOpsSdkIT}: it renders a prompt
 * every 50 ms with the SDK (reporting in the background), prints {@code serving N} whenever the
 * version it serves changes, and stops (sending its last report) when its standard input closes.
 *
 * <p>Arguments: server URL, API key, project, environment, prompt, instance id.
 */
public final class SdkInstanceMain {
  private SdkInstanceMain() {}

  public static void main(String[] args) throws Exception {
    try (var sdk =
        PromptOps.builder()
            .server(args[0])
            .apiKey(args[1])
            .project(args[2])
            .environment(args[3])
            .application("checkout")
            .instanceId(args[5])
            .cacheTtl(Duration.ofMillis(300))
            .reportEvery(Duration.ofMillis(200))
            .build()) {
      Thread loop =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    int serving = -1;
                    while (true) {
                      Prompt p = sdk.get(args[4]);
                      p.render(Map.of("name", "Ada"));
                      if (p.version() != serving) {
                        serving = p.version();
                        System.out.println("serving " + serving);
                        System.out.flush();
                      }
                      try {
                        Thread.sleep(50);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      while (System.in.read() >= 0) {
        // until the parent closes our input
      }
      loop.interrupt();
    } catch (IOException e) {
      System.exit(2);
    }
  }
}
