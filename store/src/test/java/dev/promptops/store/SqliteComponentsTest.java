package dev.promptops.store;

import java.nio.file.Path;

class SqliteComponentsTest extends ComponentsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
