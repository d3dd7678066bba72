package dev.promptops.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands and mixins, handing the {@link Context} to those that take one. */
final class CommandFactory implements CommandLine.IFactory {
  private final Context ctx;

  CommandFactory(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(Context.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    return withContext.newInstance(ctx);
  }
}
