package dev.promptops.store;

import java.nio.file.Path;

class PostgresDriftIT extends DriftContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
