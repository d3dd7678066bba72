package dev.promptops.store;

import java.nio.file.Path;

class SqliteRegistryTest extends RegistryContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
