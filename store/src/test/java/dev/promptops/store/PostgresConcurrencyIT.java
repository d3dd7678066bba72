package dev.promptops.store;

import java.nio.file.Path;

class PostgresConcurrencyIT extends ConcurrencyContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
