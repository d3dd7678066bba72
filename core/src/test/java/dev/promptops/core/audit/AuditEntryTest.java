package dev.promptops.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptops.core.json.CanonicalJson;
import dev.promptops.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void hashCoversPreviousHashAndEveryField() {
    var details = Json.object().put("version", 3);
    var e =
        AuditEntry.next(
            1, AT, "alice", "version.create", "shop", "greet", details, AuditEntry.GENESIS);
    String body =
        "{\"action\":\"version.create\",\"actor\":\"alice\",\"at\":\"2026-11-25T10:00:00Z\","
            + "\"details\":{\"version\":3},\"project\":\"shop\",\"seq\":1,\"target\":\"greet\"}";
    assertThat(CanonicalJson.write(e.body())).isEqualTo(body);
    assertThat(e.hash()).isEqualTo(CanonicalJson.sha256Hex(AuditEntry.GENESIS + "\n" + body));
    assertThat(e.computeHash()).isEqualTo(e.hash());

    var edited =
        new AuditEntry(
            1, AT, "mallory", "version.create", "shop", "greet", details, e.prevHash(), e.hash());
    assertThat(edited.computeHash()).isNotEqualTo(e.hash());
  }

  @Test
  void entriesChain() {
    var first = AuditEntry.next(1, AT, "a", "x", null, null, null, AuditEntry.GENESIS);
    var second = AuditEntry.next(2, AT, "a", "x", null, null, null, first.hash());
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isNotEqualTo(first.hash());
    assertThat(first.body().get("project").isNull()).isTrue();
  }
}
