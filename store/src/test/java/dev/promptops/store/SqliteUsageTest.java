package dev.promptops.store;

import java.nio.file.Path;

class SqliteUsageTest extends UsageContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
