package dev.promptops.store;

import java.nio.file.Path;

class SqliteRestartTest extends RestartContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
