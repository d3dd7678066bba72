package dev.promptops.server.console;

import dev.promptops.core.ErrorKind;
import dev.promptops.core.PromptOpsException;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Principal;
import dev.promptops.server.api.Services;
import dev.promptops.server.http.ErrorMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The web console, under {@code /console}: server-rendered pages (jte templates compiled with the
 * server, {@code src/main/jte}), readable without JavaScript; htmx and Chart.js come from webjars.
 *
 * <p>Signing in takes an API key and opens a session ({@link ConsoleSessions}): an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /console}. Every form carries the session's CSRF token
 * (htmx sends it as a header); the sign-in form carries a token of its own, bound to a cookie
 * (double submit). What a user sees and may do is their key's role: every page reads through the
 * same services as the API, with the session's principal.
 */
public final class Console implements Handler {
  public static final String PREFIX = "/console";
  static final String SESSION_COOKIE = "promptops_session";
  static final String SIGN_IN_COOKIE = "promptops_sign_in";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final int MAX_FORM_BYTES = 64 * 1024;
  private static final System.Logger LOG = System.getLogger(Console.class.getName());

  private final Services services;
  private final ConsoleSessions sessions;
  private final TemplateEngine templates;
  private final Assets assets = new Assets();

  public Console(Services services, Clock clock) {
    this.services = services;
    this.sessions = new ConsoleSessions(services.store(), clock);
    this.templates =
        TemplateEngine.createPrecompiled(
            null,
            ContentType.Html,
            Console.class.getClassLoader(),
            "dev.promptops.server.console.pages");
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String path = req.path().rawPathNoParams();
    String method = req.prologue().method().text();
    var request = new Request(req, res);
    try {
      if (path.startsWith(PREFIX + "/assets/") && method.equals("GET")) {
        assets.serve(path.substring((PREFIX + "/assets/").length()), res);
        return;
      }
      String route = path.equals(PREFIX) ? "/" : path.substring(PREFIX.length());
      switch (method + " " + route) {
        case "GET /sign-in" -> signInForm(request, null);
        case "POST /sign-in" -> signIn(request);
        case "POST /sign-out" -> signOut(request);
        case "GET /", "GET /overview" -> overview(request);
        case "GET /prompt" -> prompt(request, null);
        case "POST /prompt/preview" -> preview(request);
        case "POST /prompt/rollback" -> rollback(request);
        case "POST /prompt/deploy" -> deploy(request);
        case "POST /prompt/unpin" -> unpin(request);
        case "GET /changes" -> changes(request);
        case "GET /drift" -> drift(request);
        case "GET /audit" -> audit(request);
        case "GET /evals" -> evals(request);
        case "POST /evals/run" -> startRun(request);
        case "GET /settings" -> settings(request, null);
        case "POST /settings/keys" -> createKey(request);
        case "POST /settings/keys/revoke" -> revokeKey(request);
        case "POST /settings/environments" -> saveEnvironments(request);
        case "POST /settings/policy" -> savePolicy(request);
        case "POST /settings/provider" -> saveProvider(request);
        case "POST /settings/webhook" -> addWebhook(request);
        case "POST /settings/webhook/ping" -> webhookAction(request, true);
        case "POST /settings/webhook/delete" -> webhookAction(request, false);
        case "POST /settings/webhook/redeliver" -> redeliver(request);
        case "POST /settings/provider/remove" -> removeProvider(request);
        case "GET /eval" -> evalRun(request);
        case "POST /drift/acknowledge" -> acknowledge(request);
        case "GET /change" -> change(request);
        case "POST /change/open" -> openChange(request);
        case "POST /change/review" -> changeAction(request, "review");
        case "POST /change/merge" -> changeAction(request, "merge");
        case "POST /change/close" -> changeAction(request, "close");
        default -> notFound(request, method, path);
      }
    } catch (SignInNeeded e) {
      redirect(res, PREFIX + "/sign-in");
    } catch (PromptOpsException e) {
      error(request, ErrorMapper.status(e.kind()), e.getMessage(), e.hint());
    } catch (RuntimeException e) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(System.Logger.Level.ERROR, "console request failed [" + id + "]: " + path, e);
      error(
          request,
          500,
          "Something went wrong on the server [" + id + "].",
          "This is a bug or a storage failure; the server log has the details under " + id + ".");
    }
  }

  // ---- pages ----------------------------------------------------------------------------------

  private void signInForm(Request r, String problem) {
    String token = ConsoleSessions.token();
    r.res.headers().addCookie(cookie(SIGN_IN_COOKIE, token, 600));
    page(
        r,
        problem == null ? 200 : 401,
        "signin.jte",
        Map.of("token", token, "problem", problem == null ? "" : problem));
  }

  private void signIn(Request r) {
    Map<String, String> form = form(r.req);
    String expected = r.cookie(SIGN_IN_COOKIE).orElse(null);
    if (expected == null || !same(expected, form.get(CSRF_FIELD))) {
      signInForm(r, "The sign-in form expired. Enter your key again.");
      return;
    }
    String key = form.getOrDefault("key", "").strip();
    Principal who;
    try {
      who = services.keys().authenticate(key);
    } catch (PromptOpsException e) {
      signInForm(r, e.getMessage() + ". " + e.hint() + ".");
      return;
    }
    var session = sessions.open(ApiKeys.hash(key));
    LOG.log(System.Logger.Level.INFO, "console: key '" + who.name() + "' signed in");
    r.res.headers().addCookie(cookie(SIGN_IN_COOKIE, "", 0));
    r.res.headers().addCookie(cookie(SESSION_COOKIE, session.token(), -1));
    redirect(r.res, PREFIX);
  }

  private void signOut(Request r) {
    Post f = post(r);
    sessions.close(f.signed().session().token());
    r.res.headers().addCookie(cookie(SESSION_COOKIE, "", 0));
    redirect(r.res, PREFIX + "/sign-in");
  }

  private void overview(Request r) {
    Signed s = signed(r);
    page(
        r,
        200,
        "overview.jte",
        Map.of("page", s.page("Overview"), "overview", Overview.of(services, s.who())));
  }

  private void prompt(Request r, PromptPage.Preview preview) {
    Signed s = signed(r);
    String project = r.required("project");
    String name = r.required("name");
    var model =
        PromptPage.of(services, s.who(), project, name, r.number("from"), r.number("to"), preview);
    page(r, 200, "prompt.jte", Map.of("page", s.page(name), "prompt", model));
  }

  private void preview(Request r) {
    Post f = post(r);
    String project = f.field("project");
    String name = f.field("name");
    int version = f.number("version");
    var preview =
        PromptPage.preview(services, f.who(), project, name, version, f.form().get("variables"));
    if (r.req.headers().contains(HeaderNames.create("HX-Request"))) {
      page(r, 200, "preview.jte", Map.of("preview", preview));
      return;
    }
    var model = PromptPage.of(services, f.who(), project, name, null, null, preview);
    page(r, 200, "prompt.jte", Map.of("page", f.signed().page(name), "prompt", model));
  }

  /** Deploys a version to an environment, expecting what the page showed pinned there. */
  private void deploy(Request r) {
    Post f = post(r);
    String project = f.field("project");
    String name = f.field("name");
    String label = f.form().getOrDefault("label", "").strip();
    String env = label.isEmpty() ? f.field("env") : label;
    Integer pinned =
        services.deployments().pins(f.who(), project, name).stream()
            .filter(p -> p.target().equals(env))
            .map(dev.promptops.core.registry.Pin::version)
            .findFirst()
            .orElse(null);
    services
        .deployments()
        .deploy(
            f.who(),
            project,
            name,
            label.isEmpty()
                ? dev.promptops.core.registry.TargetKind.ENVIRONMENT
                : dev.promptops.core.registry.TargetKind.LABEL,
            env,
            f.number("version"),
            pinned,
            f.field("reason"));
    redirect(r.res, promptAddress(project, name) + "#history");
  }

  private void unpin(Request r) {
    Post f = post(r);
    String project = f.field("project");
    String name = f.field("name");
    services
        .deployments()
        .unpin(
            f.who(),
            project,
            name,
            f.field("label"),
            f.number("expected"),
            "removed from the console");
    redirect(r.res, promptAddress(project, name) + "#history");
  }

  private void rollback(Request r) {
    Post f = post(r);
    String project = f.field("project");
    String name = f.field("name");
    String reason = f.form().getOrDefault("reason", "").strip();
    services
        .deployments()
        .rollback(
            f.who(),
            project,
            name,
            f.field("env"),
            null,
            f.number("expected"),
            reason.isEmpty() ? "rolled back from the console" : reason);
    redirect(r.res, promptAddress(project, name) + "#history");
  }

  private void settings(Request r, SettingsPage.Created created) {
    Signed s = signed(r);
    page(
        r,
        200,
        "settings.jte",
        Map.of(
            "page", s.page("Settings"), "settings", SettingsPage.of(services, s.who(), created)));
  }

  /** Creates a key and shows its secret on the page this once (never in a redirect's address). */
  private void createKey(Request r) {
    Post f = post(r);
    String name = f.field("name");
    var role = dev.promptops.core.auth.Role.parse(f.field("role"));
    var created = services.keys().create(f.who(), name, Map.of(f.field("project"), role));
    settings(r, new SettingsPage.Created("Key " + created.key().name(), created.secret()));
  }

  private void revokeKey(Request r) {
    Post f = post(r);
    services.keys().revoke(f.who(), f.field("key"));
    redirect(r.res, PREFIX + "/settings#keys");
  }

  private void saveEnvironments(Request r) {
    Post f = post(r);
    services.projects().setEnvironments(f.who(), f.field("project"), f.list("environments"));
    redirect(r.res, PREFIX + "/settings");
  }

  private void savePolicy(Request r) {
    Post f = post(r);
    com.fasterxml.jackson.databind.JsonNode rules;
    try {
      rules = dev.promptops.core.json.Json.parse(f.field("policy"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PromptOpsException(
          ErrorKind.INVALID,
          "invalid_policy",
          "The policy is not JSON: " + e.getOriginalMessage(),
          "Write it as {\"production\": {\"approvals\": 1, \"after\": \"staging\"}}");
    }
    services.policies().set(f.who(), f.field("project"), rules, f.field("reason"));
    redirect(r.res, PREFIX + "/settings");
  }

  /** Sets a provider; its API key, when given, is stored encrypted and never shown again. */
  private void saveProvider(Request r) {
    Post f = post(r);
    String baseUrl = f.form().getOrDefault("baseUrl", "").strip();
    String apiKey = f.form().getOrDefault("apiKey", "").strip();
    var settings =
        dev.promptops.core.provider.ProviderSettings.of(
            f.field("name"),
            dev.promptops.core.provider.ProviderType.parse(f.field("type")),
            baseUrl.isEmpty() ? null : baseUrl);
    services
        .providers()
        .set(f.who(), f.field("project"), settings, apiKey.isEmpty() ? null : apiKey);
    redirect(r.res, PREFIX + "/settings");
  }

  /** Adds a webhook and shows its signing secret on the page this once. */
  private void addWebhook(Request r) {
    Post f = post(r);
    var created =
        services
            .webhooks()
            .create(f.who(), f.field("project"), f.field("url"), f.list("events"), true);
    settings(r, new SettingsPage.Created("Webhook " + created.webhook().url(), created.secret()));
  }

  private void webhookAction(Request r, boolean ping) {
    Post f = post(r);
    String project = f.field("project");
    String id = f.field("id");
    if (ping) {
      services.webhooks().ping(f.who(), project, id);
    } else {
      services.webhooks().delete(f.who(), project, id);
    }
    redirect(r.res, PREFIX + "/settings");
  }

  private void redeliver(Request r) {
    Post f = post(r);
    services.webhooks().redeliver(f.who(), f.field("project"), f.field("id"), f.field("delivery"));
    redirect(r.res, PREFIX + "/settings");
  }

  private void removeProvider(Request r) {
    Post f = post(r);
    services.providers().remove(f.who(), f.field("project"), f.field("name"));
    redirect(r.res, PREFIX + "/settings");
  }

  private void evals(Request r) {
    Signed s = signed(r);
    page(
        r,
        200,
        "evals.jte",
        Map.of("page", s.page("Evaluations"), "list", EvalPages.list(services, s.who())));
  }

  private void startRun(Request r) {
    Post f = post(r);
    String choice = f.field("suite");
    int slash = choice.indexOf('/');
    if (slash <= 0) {
      throw new PromptOpsException(
          ErrorKind.INVALID,
          "invalid_field",
          "Not a suite: '" + choice + "'",
          "Pick a suite from the list");
    }
    String project = choice.substring(0, slash);
    var run = EvalPages.start(services, f.who(), project, choice.substring(slash + 1));
    redirect(r.res, PREFIX + "/eval?project=" + url(project) + "&id=" + url(run.id()));
  }

  private void evalRun(Request r) {
    Signed s = signed(r);
    var run =
        EvalPages.run(
            services,
            s.who(),
            r.required("project"),
            r.required("id"),
            r.query("failing").isPresent(),
            r.query("q").orElse(null));
    page(r, 200, "eval.jte", Map.of("page", s.page("Evaluations"), "run", run));
  }

  private void audit(Request r) {
    Signed s = signed(r);
    var filters =
        new AuditPage.Filters(
            r.query("project").orElse(""),
            r.query("actor").orElse(""),
            r.query("action").orElse(""),
            r.query("target").orElse(""),
            r.query("from").orElse(""),
            r.query("to").orElse(""));
    Long after = r.number("after") == null ? null : (long) r.number("after");
    var model = AuditPage.of(services, s.who(), filters, after, r.query("verify").isPresent());
    page(r, 200, "audit.jte", Map.of("page", s.page("Audit"), "audit", model));
  }

  private void drift(Request r) {
    Signed s = signed(r);
    page(
        r,
        200,
        "drift.jte",
        Map.of("page", s.page("Drift"), "drift", DriftPage.of(services, s.who())));
  }

  private void acknowledge(Request r) {
    Post f = post(r);
    services
        .drift()
        .acknowledge(f.who(), f.field("project"), f.number("number"), f.form().get("note"));
    redirect(r.res, PREFIX + "/drift");
  }

  private void changes(Request r) {
    Signed s = signed(r);
    var list = ChangePages.list(services, s.who(), r.query("state").orElse("open"));
    page(r, 200, "changes.jte", Map.of("page", s.page("Change requests"), "list", list));
  }

  private void change(Request r) {
    Signed s = signed(r);
    String project = r.required("project");
    Integer number = r.number("number");
    if (number == null) {
      throw new PromptOpsException(
          ErrorKind.INVALID,
          "missing_parameter",
          "The address has no 'number'",
          "Open the request from the list");
    }
    var detail = ChangePages.detail(services, s.who(), project, number);
    page(
        r,
        200,
        "change.jte",
        Map.of("page", s.page("Change request #" + number), "detail", detail));
  }

  private void openChange(Request r) {
    Post f = post(r);
    String project = f.field("project");
    var view =
        services
            .changes()
            .open(
                f.who(),
                project,
                f.field("name"),
                f.number("version"),
                f.field("environment"),
                f.field("description"),
                false);
    redirect(r.res, changeAddress(project, view.change().number()));
  }

  /** Reviews, merges or closes a change request, then shows it again. */
  private void changeAction(Request r, String action) {
    Post f = post(r);
    String project = f.field("project");
    int number = f.number("number");
    switch (action) {
      case "review" ->
          services
              .changes()
              .review(
                  f.who(),
                  project,
                  number,
                  dev.promptops.core.change.Verdict.parse(f.field("verdict")),
                  f.form().getOrDefault("comment", ""));
      case "merge" -> services.changes().merge(f.who(), project, number);
      default -> services.changes().close(f.who(), project, number, f.field("reason"));
    }
    redirect(r.res, changeAddress(project, number));
  }

  private static String url(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String promptAddress(String project, String name) {
    return PREFIX + "/prompt?project=" + url(project) + "&name=" + url(name);
  }

  private static String changeAddress(String project, int number) {
    return PREFIX + "/change?project=" + url(project) + "&number=" + number;
  }

  private void notFound(Request r, String method, String path) {
    error(r, 404, "There is no page " + method + " " + path + ".", "Go back to the overview.");
  }

  private void error(Request r, int status, String message, String hint) {
    Optional<Signed> s = trySigned(r);
    var model = new LinkedHashMap<String, Object>();
    model.put("page", s.map(x -> x.page("Error")).orElse(Page.anonymous("Error")));
    model.put("status", status);
    model.put("message", message == null ? "" : message);
    model.put("hint", hint == null ? "" : hint);
    page(r, status, "error.jte", model);
  }

  // ---- sessions -------------------------------------------------------------------------------

  /** A signed-in request: its session and the principal of its key, checked now. */
  private record Signed(ConsoleSessions.Session session, Principal who) {
    Page page(String title) {
      return new Page(title, who.name(), session.csrf());
    }
  }

  private static final class SignInNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInNeeded() {
      super("sign in", null, false, false);
    }
  }

  private Signed signed(Request r) {
    return trySigned(r).orElseThrow(SignInNeeded::new);
  }

  /** A form posted by a signed-in user, its CSRF token checked; its fields, read as required. */
  private record Post(Signed signed, Map<String, String> form) {
    Principal who() {
      return signed.who();
    }

    String field(String name) {
      String v = form.get(name);
      if (v == null || v.isBlank()) {
        throw new PromptOpsException(
            ErrorKind.INVALID,
            "missing_field",
            "The form has no '" + name + "'",
            "Reload the page and try again");
      }
      return v.strip();
    }

    int number(String name) {
      String v = field(name);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new PromptOpsException(
            ErrorKind.INVALID,
            "invalid_field",
            "'" + name + "' must be a number, not '" + v + "'",
            "Reload the page and try again");
      }
    }

    /** A comma-separated field as its non-empty items. */
    List<String> list(String name) {
      return java.util.Arrays.stream(field(name).split(","))
          .map(String::strip)
          .filter(item -> !item.isEmpty())
          .toList();
    }
  }

  private Post post(Request r) {
    Signed s = signed(r);
    Map<String, String> form = form(r.req);
    checkCsrf(r, s, form);
    return new Post(s, form);
  }

  private Optional<Signed> trySigned(Request r) {
    Optional<ConsoleSessions.Session> session =
        sessions.find(r.cookie(SESSION_COOKIE).orElse(null));
    if (session.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Signed(session.get(), services.keys().authenticateHash(session.get().keyHash())));
    } catch (PromptOpsException e) {
      if (e.kind() == ErrorKind.UNAUTHENTICATED) {
        sessions.close(session.get().token());
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void checkCsrf(Request r, Signed s, Map<String, String> form) {
    String given =
        r.req.headers().first(HeaderNames.create(CSRF_HEADER)).orElse(form.get(CSRF_FIELD));
    if (!same(s.session().csrf(), given)) {
      throw new PromptOpsException(
          ErrorKind.PERMISSION_DENIED,
          "csrf",
          "This form is not from your current session",
          "Reload the page and try again");
    }
  }

  private static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** A cookie for the console's paths: HttpOnly, SameSite=Strict; maxAge -1 for the session. */
  private static SetCookie cookie(String name, String value, long maxAgeSeconds) {
    var b =
        SetCookie.builder(name, value)
            .path(PREFIX)
            .httpOnly(true)
            .sameSite(SetCookie.SameSite.STRICT);
    if (maxAgeSeconds >= 0) {
      b.maxAge(java.time.Duration.ofSeconds(maxAgeSeconds));
    }
    return b.build();
  }

  // ---- responses ------------------------------------------------------------------------------

  private void page(Request r, int status, String template, Map<String, Object> model) {
    var out = new StringOutput();
    templates.render(template, model, out);
    r.res.status(status);
    securityHeaders(r.res);
    r.res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    r.res.header(HeaderNames.CACHE_CONTROL, "no-store");
    r.res.send(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void securityHeaders(ServerResponse res) {
    res.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    res.header("X-Content-Type-Options", "nosniff");
    res.header("X-Frame-Options", "DENY");
    res.header("Referrer-Policy", "same-origin");
  }

  private static void redirect(ServerResponse res, String location) {
    res.status(303);
    res.header(HeaderNames.LOCATION, location);
    res.send();
  }

  /** The fields of a form post ({@code application/x-www-form-urlencoded}). */
  private static Map<String, String> form(ServerRequest req) {
    var fields = new LinkedHashMap<String, String>();
    if (!req.content().hasEntity()) {
      return fields;
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes(MAX_FORM_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the form failed", e);
    }
    if (body.length > MAX_FORM_BYTES) {
      throw new PromptOpsException(
          ErrorKind.TOO_LARGE,
          "form_too_large",
          "The form is larger than " + MAX_FORM_BYTES / 1024 + " KB",
          "Send less at once");
    }
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.putIfAbsent(name, value);
    }
    return fields;
  }

  /** A request and its response, with readers of its cookies and query parameters. */
  private record Request(ServerRequest req, ServerResponse res) {
    Optional<String> cookie(String name) {
      return req.headers().cookies().first(name).asOptional();
    }

    Optional<String> query(String name) {
      return req.query().first(name).asOptional().map(String::strip).filter(v -> !v.isEmpty());
    }

    String required(String name) {
      return query(name)
          .orElseThrow(
              () ->
                  new PromptOpsException(
                      ErrorKind.INVALID,
                      "missing_parameter",
                      "The address has no '" + name + "'",
                      "Open the page from the overview"));
    }

    Integer number(String name) {
      Optional<String> v = query(name);
      if (v.isEmpty()) {
        return null;
      }
      try {
        return Integer.parseInt(v.get());
      } catch (NumberFormatException e) {
        throw new PromptOpsException(
            ErrorKind.INVALID,
            "invalid_parameter",
            "'" + name + "' must be a version number, not '" + v.get() + "'",
            "Pick the versions from the lists on the page");
      }
    }
  }
}
