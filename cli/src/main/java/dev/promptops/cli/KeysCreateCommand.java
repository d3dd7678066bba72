package dev.promptops.cli;

import dev.promptops.core.InvalidInputException;
import dev.promptops.core.auth.ApiKeyRecord;
import dev.promptops.core.auth.ApiKeys;
import dev.promptops.core.auth.Role;
import dev.promptops.core.names.Names;
import dev.promptops.core.wire.Wire;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create an API key with a role per project. Prints its secret once.")
final class KeysCreateCommand implements Callable<Integer> {
  private final Context ctx;
  @Mixin private ConnectionOptions connection;

  @Parameters(paramLabel = "NAME", description = "who or what uses the key, e.g. ci-bot")
  private String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "PROJECT=ROLE",
      description =
          "viewer, editor, deployer, approver or admin in PROJECT ('*' for every project); repeatable")
  private List<String> roles;

  KeysCreateCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Map<String, Role> parsed = parseRoles(roles);
    ApiKeys.Created created;
    try (var client = connection.client()) {
      created = client.createKey(name, parsed);
    }
    ApiKeyRecord key = created.key();
    if (connection.json()) {
      ctx.json(Wire.key(key).put("secret", created.secret()));
    } else {
      ctx.println(
          "created key "
              + key.name()
              + " ("
              + key.id()
              + "): "
              + KeysListCommand.roles(key.roles()));
      ctx.println("secret: " + created.secret());
      ctx.println("store the secret now: it is not shown again");
    }
    return ExitCodes.OK;
  }

  static Map<String, Role> parseRoles(List<String> values) {
    var roles = new TreeMap<String, Role>();
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq < 1) {
        throw new InvalidInputException(
            "invalid_role",
            "--role takes PROJECT=ROLE, not '" + value + "'",
            "e.g. --role shop=editor, or --role '*=viewer' for every project");
      }
      String project = value.substring(0, eq);
      if (!project.equals(ApiKeyRecord.ALL_PROJECTS)) {
        Names.project(project);
      }
      if (roles.put(project, Role.parse(value.substring(eq + 1))) != null) {
        throw new InvalidInputException(
            "invalid_role",
            "--role names project '" + project + "' twice",
            "give one role per project");
      }
    }
    return roles;
  }
}
