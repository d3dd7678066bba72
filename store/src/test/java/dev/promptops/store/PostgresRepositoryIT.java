package dev.promptops.store;

import java.nio.file.Path;

class PostgresRepositoryIT extends RepositoryContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
