package dev.promptops.store;

import java.nio.file.Path;

class SqliteRepositoryTest extends RepositoryContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
