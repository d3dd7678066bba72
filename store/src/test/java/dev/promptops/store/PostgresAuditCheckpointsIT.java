package dev.promptops.store;

import java.nio.file.Path;

class PostgresAuditCheckpointsIT extends AuditCheckpointsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
