package dev.promptops.core.store;

/** The repositories available inside one transaction. */
public interface Tx {
  ProjectRepository projects();

  VersionRepository versions();

  PinRepository pins();

  DeploymentRepository deployments();

  AuditRepository audit();

  KeyRepository keys();

  ProviderRepository providers();

  UsageRepository usage();

  EvalRepository evals();

  PolicyRepository policies();

  ChangeRepository changes();

  SuiteRepository suites();

  WebhookRepository webhooks();

  DriftRepository drift();

  JobRepository jobs();

  ConsoleSessionRepository consoleSessions();

  /**
   * The registry generation as of this transaction (see {@link Store#watchRegistry}): a value read
   * together with registry data in one transaction belongs to that data.
   */
  long registryGeneration();
}
