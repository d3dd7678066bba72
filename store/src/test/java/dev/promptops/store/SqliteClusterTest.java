package dev.promptops.store;

import java.nio.file.Path;

class SqliteClusterTest extends ClusterContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
