package dev.promptops.store;

import java.nio.file.Path;

class SqliteAuditLogTest extends AuditLogContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
