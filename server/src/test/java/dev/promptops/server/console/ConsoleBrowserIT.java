package dev.promptops.server.console;

import static dev.promptops.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.promptops.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser: Playwright for Java driving Debian's Chromium, headless. Each main
 * page is saved as a screenshot under {@code target/console-screenshots/}.
 *
 * <p>Where {@code /usr/bin/chromium} is missing the tests are skipped, saying how to enable them
 * ({@code apt-get install chromium}); with {@code PROMPTOPS_BROWSER_TESTS=required} (as {@code
 * .ci/run} sets it) a missing browser fails them instead.
 */
class ConsoleBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  static Playwright playwright;
  static Browser browser;

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String how =
          "the browser tests need Debian's Chromium at "
              + CHROMIUM
              + ": install it with 'apt-get install chromium' (.ci/run does)";
      if ("required".equals(System.getenv("PROMPTOPS_BROWSER_TESTS"))) {
        throw new IllegalStateException(how);
      }
      Assumptions.abort(how);
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    // drift evaluated every 200 ms: a deployment is confirmed as soon as its instance reports
    server =
        TestServer.start(
            TestServer.config(dir, null)
                .withEnvironment(
                    Map.of("PROMPTOPS_DRIFT_EVERY", "200ms", "PROMPTOPS_DRIFT_GRACE", "1s")));
    server.post("/api/v1/projects", ADMIN_KEY, Map.of("name", "shop"));
    server.post(
        "/api/v1/projects/shop/prompts",
        ADMIN_KEY,
        Map.of("prompts", List.of(Map.of("name", "support/reply", "source", "Hello {{name}}\n"))));
    server.post(
        "/api/v1/projects/shop/prompts",
        ADMIN_KEY,
        Map.of(
            "prompts",
            List.of(Map.of("name", "support/reply", "source", "Hello {{name}}, how can I help?\n")),
            "message",
            "ask how to help"));
    for (String env : List.of("staging", "production")) {
      server.post(
          "/api/v1/projects/shop/prompts/support/reply/-/deploy",
          ADMIN_KEY,
          ConsoleFixture.deploy(env, 1));
    }
    server.put(
        "/api/v1/projects/shop/policies",
        ADMIN_KEY,
        Map.of(
            "environments",
            Map.of("production", Map.of("approvals", 1)),
            "reason",
            "production needs a review"));
    ConsoleFixture.upload(server, 1, List.of(true, false, true), false);
    ConsoleFixture.upload(server, 2, List.of(true, true, true), true);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * The reference workflow: an editor proposes v2 for production, an approver approves it, a
   * deployer merges it, the running instance reports the new digest and the overview shows the
   * deployment confirmed; then the deployer rolls production back.
   */
  @Test
  void theReferenceWorkflowInTheBrowser() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    String editor = ConsoleFixture.key(server, "ed", "editor");
    String approver = ConsoleFixture.key(server, "ann", "approver");
    String deployer = ConsoleFixture.key(server, "shipper", "deployer");
    String prompt = server.url() + "/console/prompt?project=shop&name=support/reply";

    try (var context = browser.newContext()) {
      Page page = signedIn(context.newPage(), editor);
      page.navigate(prompt);
      page.selectOption("#open-change ~ form select[name=version]", "2");
      page.selectOption("#open-change ~ form select[name=environment]", "production");
      page.fill("#open-change ~ form input[name=description]", "ask how to help");
      page.click("text=Open a change request");
      page.waitForURL("**/console/change?**");
      assertThat(page.locator("h1").textContent()).contains("#1 support/reply@2 → production");
      assertThat(page.locator("ul.unmet").textContent()).contains("approvals");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("change-opened.png"))
              .setFullPage(true));
    }
    try (var context = browser.newContext()) {
      Page page = signedIn(context.newPage(), approver);
      page.click("nav a:text('Change requests')");
      page.click("table.matrix a:text('#1')");
      page.fill("#comment", "reads well");
      page.click("button:text('Approve')");
      page.waitForURL("**/console/change?**");
      assertThat(page.locator("#reviews ~ ul").textContent())
          .contains("ann")
          .contains("approved")
          .contains("reads well");
      assertThat(page.locator(".ok").first().textContent()).contains("Every rule is met");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("change-approved.png"))
              .setFullPage(true));
    }
    try (var context = browser.newContext()) {
      Page page = signedIn(context.newPage(), deployer);
      page.navigate(server.url() + "/console/change?project=shop&number=1");
      page.click("text=Merge and deploy to production");
      page.waitForURL("**/console/change?**");
      assertThat(page.locator(".state-merged").first().textContent()).isEqualTo("merged");

      // the application's instance picks up v2 and reports what it serves, as the SDK does
      String digest =
          server
              .get("/api/v1/projects/shop/prompts/support/reply?env=production", ADMIN_KEY)
              .json()
              .get("digest")
              .asText();
      ConsoleFixture.report(server, "web-1", "production", digest, 1);
      page.navigate(server.url() + "/console");
      var production = page.locator("table.matrix tbody tr").first().locator("td").nth(3);
      for (int i = 0; i < 50 && !production.textContent().contains("confirmed"); i++) {
        Thread.sleep(200);
        page.reload();
        production = page.locator("table.matrix tbody tr").first().locator("td").nth(3);
      }
      assertThat(production.textContent()).contains("v2").contains("confirmed");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("overview-confirmed.png"))
              .setFullPage(true));

      page.navigate(prompt);
      var row = page.locator("tr:has(th:text('production'))");
      row.locator("input[name=reason]").fill("back to the first words");
      row.locator("button:text('Roll back production')").click();
      page.waitForURL("**/console/prompt?**");
      assertThat(page.locator("tr:has(th:text('production')) td").first().textContent())
          .contains("v1");
      assertThat(page.locator("#history ~ ul").textContent())
          .contains("rollback")
          .contains("back to the first words");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("rolled-back.png"))
              .setFullPage(true));
    }
  }

  private Page signedIn(Page page, String key) {
    page.navigate(server.url() + "/console/sign-in");
    page.fill("#key", key);
    page.click("button[type=submit]");
    page.waitForURL("**/console");
    return page;
  }

  @Test
  void signInSeeTheOverviewPreviewAPromptAndSignOut() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (var context = browser.newContext()) {
      Page page = context.newPage();
      var problems = new ArrayList<String>();
      page.onConsoleMessage(
          m -> {
            if (m.type().equals("error")) {
              problems.add(m.text());
            }
          });
      page.onPageError(problems::add);

      page.navigate(server.url() + "/console");
      assertThat(page.url()).endsWith("/console/sign-in");
      assertThat(page.locator("h1").textContent()).isEqualTo("Sign in");
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sign-in.png")));

      page.fill("#key", "po_wrong");
      page.click("button[type=submit]");
      assertThat(page.locator("[role=alert]").textContent()).contains("not valid");
      // the refused sign-in answers 401, which the browser logs
      problems.removeIf(p -> p.contains("status of 401"));

      page.fill("#key", ADMIN_KEY);
      page.click("button[type=submit]");
      page.waitForURL("**/console");
      assertThat(page.locator("h1").textContent()).isEqualTo("Overview");
      var cell = page.locator("table.matrix tbody tr").first();
      assertThat(cell.textContent())
          .contains("support/reply")
          .contains("v1")
          .contains("unconfirmed");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("overview.png"))
              .setFullPage(true));

      page.click("table.matrix a:text('support/reply')");
      page.waitForURL("**/console/prompt?**");
      assertThat(page.locator("h1").textContent()).isEqualTo("support/reply");
      assertThat(page.locator("pre.diff .add").first().textContent()).contains("how can I help");
      page.fill("#variables", "{\"name\": \"Ada\"}");
      page.click("#preview ~ form button[type=submit], form[hx-post] button[type=submit]");
      page.locator("#preview-result .message").first().waitFor();
      assertThat(page.locator("#preview-result").textContent())
          .contains("Hello Ada, how can I help?");
      assertThat(page.url())
          .as("the preview came in place, through htmx")
          .contains("/console/prompt?");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("prompt.png"))
              .setFullPage(true));

      for (String[] visit :
          new String[][] {
            {"Change requests", "changes"},
            {"Evaluations", "evals"},
            {"Drift", "drift"},
            {"Audit", "audit"}
          }) {
        page.click("nav a:text('" + visit[0] + "')");
        page.waitForURL("**/console/" + visit[1] + "**");
        assertThat(page.locator("h1").textContent())
            .contains(visit[0].equals("Audit") ? "Audit log" : visit[0]);
        if (visit[1].equals("evals")) {
          page.waitForFunction(
              "() => typeof Chart !== 'undefined' && Chart.getChart(document.querySelector('canvas.trend')) != null");
        }
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(visit[1] + ".png"))
                .setFullPage(true));
      }

      page.click("text=Sign out");
      page.waitForURL("**/console/sign-in");
      page.navigate(server.url() + "/console");
      assertThat(page.url()).endsWith("/console/sign-in");
      assertThat(problems)
          .as("errors in the browser's console (a CSP violation, a script error)")
          .isEmpty();
    }
  }
}
