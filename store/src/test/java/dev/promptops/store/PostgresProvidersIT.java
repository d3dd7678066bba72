package dev.promptops.store;

import java.nio.file.Path;

class PostgresProvidersIT extends ProvidersContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
