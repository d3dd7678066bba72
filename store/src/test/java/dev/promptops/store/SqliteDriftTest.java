package dev.promptops.store;

import java.nio.file.Path;

class SqliteDriftTest extends DriftContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
