package dev.promptops.store;

import java.nio.file.Path;

class PostgresComponentsIT extends ComponentsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
