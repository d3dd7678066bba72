package dev.promptops.store;

import java.nio.file.Path;

class SqliteEvalClaimsTest extends EvalClaimsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
