package dev.promptops.core.prompt;

/**
 * Components are prompts whose file name starts with {@code _} ({@code prompts/_header.prompt},
 * {@code prompts/support/_footer.prompt}), as in Dotprompt. In the registry a component keeps that
 * name ({@code _header}, {@code support/_footer}); templates include it by its partial name,
 * without the underscore ({@code {{> header}}}, {@code {{> support/footer}}}).
 */
public final class ComponentNames {
  private ComponentNames() {}

  /** True for a registry name whose last segment starts with {@code _}. */
  public static boolean isComponent(String registryName) {
    int slash = registryName.lastIndexOf('/');
    return registryName.startsWith("_", slash + 1);
  }

  /** {@code support/footer} → {@code support/_footer}. */
  public static String registryName(String partialName) {
    int slash = partialName.lastIndexOf('/');
    return partialName.substring(0, slash + 1) + "_" + partialName.substring(slash + 1);
  }

  /** {@code support/_footer} → {@code support/footer}. */
  public static String partialName(String registryName) {
    if (!isComponent(registryName)) {
      throw new IllegalArgumentException("not a component name: " + registryName);
    }
    int slash = registryName.lastIndexOf('/');
    return registryName.substring(0, slash + 1) + registryName.substring(slash + 2);
  }

  /** A component given either way ({@code footer} or {@code _footer}) as its registry name. */
  public static String normalize(String name) {
    return isComponent(name) ? name : registryName(name);
  }
}
