package dev.promptops.store;

import java.nio.file.Path;

class PostgresWebhooksIT extends WebhooksContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
