package dev.promptops.core.eval.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The inline style and the one small script of the HTML report, and the Content-Security-Policy
 * that allows exactly that script (by its hash) and nothing from outside the file: even text that
 * escaped escaping could not run a script of its own or load anything. The script has no {@code <}
 * or {@code &}, so the page stays well-formed XML too (the tests parse it as such).
 */
final class HtmlAssets {
  private HtmlAssets() {}

  static final String STYLE =
      """
      :root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--muted:#57606a;--line:#d0d7de}
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f2328}
      h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:16px 0 6px}
      code,pre,.out,.vars{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
      table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left}
      thead th{background:#f6f8fa;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .verdict{font-size:18px;font-weight:600;margin:8px 0}.v-pass{color:var(--pass)}.v-fail{color:var(--fail)}
      .warn{color:var(--error);font-weight:600}.muted,.note{color:var(--muted)}
      dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:8px 0}dt{color:var(--muted)}dd{margin:0}
      .charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{margin:0}figcaption{font-size:12px;color:var(--muted);max-width:320px}
      #cases td{min-width:180px;max-width:420px}.st{font-weight:700;text-transform:uppercase;font-size:11px}
      .c-pass .st{color:var(--pass)}.c-fail .st{color:var(--fail)}.c-error .st{color:var(--error)}
      .c-fail{background:#ffebe9}.c-error{background:#fff8c5}.c-none{color:var(--muted)}
      .out{white-space:pre-wrap;word-break:break-word;margin-top:4px;max-height:12em;overflow:auto}
      .vars{display:block;color:var(--muted);white-space:pre-wrap;word-break:break-all}
      details ul{margin:4px 0;padding-left:18px}summary{cursor:pointer;color:var(--fail)}
      .filters{margin:8px 0}#search{margin-left:16px;padding:3px 6px}
      #only-failing:checked~table tbody tr.ok{display:none}tr.miss{display:none}
      """;

  static final String SCRIPT =
      """
      (function () {
        var box = document.getElementById('search');
        var rows = document.querySelectorAll('#cases tbody tr');
        box.hidden = false;
        box.addEventListener('input', function () {
          var q = box.value.toLowerCase();
          for (var i = 0; rows.length > i; i++) {
            var hit = q === '' || rows[i].textContent.toLowerCase().indexOf(q) >= 0;
            rows[i].classList.toggle('miss', !hit);
          }
        });
      })();
      """;

  /** Nothing from outside; inline style; only {@link #SCRIPT}. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; script-src '" + sha256(SCRIPT) + "'";

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
