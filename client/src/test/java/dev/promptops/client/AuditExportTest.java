package dev.promptops.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptops.core.PromptOpsException;
import dev.promptops.core.audit.AuditEntry;
import dev.promptops.core.json.Json;
import dev.promptops.core.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading the JSON Lines of an audit export: entries as they come, filters in the query. */
class AuditExportTest {
  private final StubServer stub = new StubServer();
  private final PromptOpsClient client =
      PromptOpsClient.builder(stub.url()).apiKey("po_secret").build();
  private final AuditEntry first =
      AuditEntry.next(
          1,
          Instant.parse("2026-11-25T10:00:00Z"),
          "admin",
          "project.create",
          "shop",
          null,
          Json.object(),
          AuditEntry.GENESIS);

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void entriesArriveLineByLineWithTheFiltersInTheQuery() {
    stub.reply(200, Json.write(Wire.audit(first)) + "\n\n");
    var got = new ArrayList<AuditEntry>();

    client.exportAudit(
        null, new AuditFilter("shop", "admin", null, null, null, null, 0L, 5), got::add);

    assertThat(got).containsExactly(first);
    assertThat(stub.last().rawPath())
        .isEqualTo("/api/v1/audit/export?actor=admin&after=0&project=shop");
  }

  @Test
  void anErrorLineAfterTheAnswerStartedIsAnErrorNotTheEndOfTheLog() {
    stub.reply(
        200,
        Json.write(Wire.audit(first))
            + "\n{\"error\":{\"code\":\"storage_error\",\"message\":\"the disk is gone\"}}\n");
    List<AuditEntry> got = new ArrayList<>();

    assertThatThrownBy(() -> client.exportAudit("shop", AuditFilter.none(), got::add))
        .isInstanceOf(PromptOpsException.class)
        .hasMessage("the audit export broke off: the disk is gone");
    assertThat(got).hasSize(1);
  }
}
