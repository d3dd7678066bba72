package dev.promptops.core.webhook;

import dev.promptops.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where deliveries may go: absolute http or https URLs, without credentials or fragment. */
final class WebhookUrls {
  static final int MAX_LENGTH = 2048;

  private WebhookUrls() {}

  static String check(String url) {
    URI uri = parse(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(url, "only http and https URLs receive webhooks");
    }
    if (uri.getHost() == null) {
      throw invalid(url, "the URL has no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw invalid(url, "the URL carries a user name, password or #fragment");
    }
    return url;
  }

  /** The URL for the audit trail and logs: no query string, which may carry a token. */
  static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
      throw invalid(url, "a URL of 1 to " + MAX_LENGTH + " characters is needed");
    }
    try {
      return new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid(url, e.getReason());
    }
  }

  private static InvalidInputException invalid(String url, String why) {
    return new InvalidInputException(
        "invalid_url",
        "not a webhook URL: '" + (url == null ? "" : redacted(url)) + "': " + why,
        "give an absolute http(s) URL, e.g. https://hooks.example.com/promptops");
  }
}
