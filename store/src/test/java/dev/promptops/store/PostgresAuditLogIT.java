package dev.promptops.store;

import java.nio.file.Path;

class PostgresAuditLogIT extends AuditLogContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
