package dev.promptops.server.api;

import dev.promptops.server.http.Route;
import java.util.ArrayList;
import java.util.List;

/** The whole route table of the HTTP API, in one list. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static List<Route> all(Services services) {
    var routes = new ArrayList<Route>();
    routes.addAll(MetaRoutes.routes(services));
    routes.addAll(ProjectRoutes.routes(services));
    routes.addAll(PromptRoutes.routes(services));
    routes.addAll(RenderRoutes.routes(services));
    routes.addAll(ComponentRoutes.routes(services));
    routes.addAll(DeploymentRoutes.routes(services));
    routes.addAll(AuditRoutes.routes(services));
    routes.addAll(KeyRoutes.routes(services));
    routes.addAll(ProviderRoutes.routes(services));
    routes.addAll(RunRoutes.routes(services));
    routes.addAll(GatewayRoutes.routes(services));
    routes.addAll(EvalRoutes.routes(services));
    routes.addAll(PolicyRoutes.routes(services));
    routes.addAll(ChangeRoutes.routes(services));
    routes.addAll(SuiteRoutes.routes(services));
    routes.addAll(WebhookRoutes.routes(services));
    routes.addAll(DriftRoutes.routes(services));
    return List.copyOf(routes);
  }
}
