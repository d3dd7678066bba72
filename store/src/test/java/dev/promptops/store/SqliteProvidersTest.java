package dev.promptops.store;

import java.nio.file.Path;

class SqliteProvidersTest extends ProvidersContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
