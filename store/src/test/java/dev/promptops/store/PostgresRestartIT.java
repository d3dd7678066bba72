package dev.promptops.store;

import java.nio.file.Path;

class PostgresRestartIT extends RestartContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
