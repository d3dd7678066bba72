package dev.promptops.store;

import java.nio.file.Path;

class SqliteApiKeysTest extends ApiKeysContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
