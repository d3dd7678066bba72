package dev.promptops.store;

import java.nio.file.Path;

class PostgresRegistryIT extends RegistryContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
