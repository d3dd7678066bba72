package dev.promptops.store;

import java.nio.file.Path;

class SqliteDeploymentsTest extends DeploymentsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
