package dev.promptops.store;

import java.nio.file.Path;

class SqliteChangeRequestsTest extends ChangeRequestsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
