package dev.promptops.store;

import java.nio.file.Path;

class PostgresApiKeysIT extends ApiKeysContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
