package dev.promptops.store;

import java.nio.file.Path;

class PostgresUsageIT extends UsageContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
