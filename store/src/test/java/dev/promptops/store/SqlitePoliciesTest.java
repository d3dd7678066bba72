package dev.promptops.store;

import java.nio.file.Path;

class SqlitePoliciesTest extends PoliciesContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
