package dev.promptops.store;

import java.nio.file.Path;

class SqliteConcurrencyTest extends ConcurrencyContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
