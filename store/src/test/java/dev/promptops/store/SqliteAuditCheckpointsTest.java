package dev.promptops.store;

import java.nio.file.Path;

class SqliteAuditCheckpointsTest extends AuditCheckpointsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
