package dev.promptops.store;

import java.nio.file.Path;

class SqliteEvalResultsTest extends EvalResultsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.sqliteDatabase(tmp);
  }
}
