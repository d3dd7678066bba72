package dev.promptops.store;

import java.nio.file.Path;

class SqliteWebhooksTest extends WebhooksContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
