package dev.promptops.store;

import java.nio.file.Path;

class SqliteEvalsTest extends EvalsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
