package dev.promptops.store;

import dev.promptops.core.store.AuditRepository;
import dev.promptops.core.store.ChangeRepository;
import dev.promptops.core.store.ConsoleSessionRepository;
import dev.promptops.core.store.DeploymentRepository;
import dev.promptops.core.store.DriftRepository;
import dev.promptops.core.store.EvalRepository;
import dev.promptops.core.store.JobRepository;
import dev.promptops.core.store.KeyRepository;
import dev.promptops.core.store.PinRepository;
import dev.promptops.core.store.PolicyRepository;
import dev.promptops.core.store.ProjectRepository;
import dev.promptops.core.store.ProviderRepository;
import dev.promptops.core.store.SuiteRepository;
import dev.promptops.core.store.Tx;
import dev.promptops.core.store.UsageRepository;
import dev.promptops.core.store.VersionRepository;
import dev.promptops.core.store.WebhookRepository;
import org.jdbi.v3.core.Handle;

/** The repositories of one transaction, all on its handle. */
final class JdbcTx implements Tx {
  private final ProjectRepository projects;
  private final VersionRepository versions;
  private final PinRepository pins;
  private final DeploymentRepository deployments;
  private final AuditRepository audit;
  private final KeyRepository keys;
  private final ProviderRepository providers;
  private final UsageRepository usage;
  private final EvalRepository evals;
  private final PolicyRepository policies;
  private final ChangeRepository changes;
  private final SuiteRepository suites;
  private final WebhookRepository webhooks;
  private final DriftRepository drift;
  private final JobRepository jobs;
  private final ConsoleSessionRepository consoleSessions;
  private final Sql sql;

  JdbcTx(Handle handle, Dialect dialect) {
    Sql sql = new Sql(handle);
    this.projects = new ProjectRows(sql);
    this.versions = new VersionRows(sql);
    this.pins = new PinRows(sql);
    this.deployments = new DeploymentRows(sql);
    this.audit = new AuditRows(sql);
    this.keys = new KeyRows(sql);
    this.providers = new ProviderRows(sql);
    this.usage = new UsageRows(sql);
    this.evals = new EvalRows(sql, dialect);
    this.policies = new PolicyRows(sql);
    this.changes = new ChangeRows(sql);
    this.suites = new SuiteRows(sql);
    this.webhooks = new WebhookRows(sql, dialect);
    this.drift = new DriftRows(sql);
    this.jobs = new JobRows(sql);
    this.consoleSessions = new ConsoleSessionRows(sql);
    this.sql = sql;
  }

  @Override
  public ProjectRepository projects() {
    return projects;
  }

  @Override
  public VersionRepository versions() {
    return versions;
  }

  @Override
  public PinRepository pins() {
    return pins;
  }

  @Override
  public DeploymentRepository deployments() {
    return deployments;
  }

  @Override
  public AuditRepository audit() {
    return audit;
  }

  @Override
  public KeyRepository keys() {
    return keys;
  }

  @Override
  public ProviderRepository providers() {
    return providers;
  }

  @Override
  public UsageRepository usage() {
    return usage;
  }

  @Override
  public EvalRepository evals() {
    return evals;
  }

  @Override
  public PolicyRepository policies() {
    return policies;
  }

  @Override
  public ChangeRepository changes() {
    return changes;
  }

  @Override
  public SuiteRepository suites() {
    return suites;
  }

  @Override
  public WebhookRepository webhooks() {
    return webhooks;
  }

  @Override
  public DriftRepository drift() {
    return drift;
  }

  @Override
  public JobRepository jobs() {
    return jobs;
  }

  @Override
  public ConsoleSessionRepository consoleSessions() {
    return consoleSessions;
  }

  @Override
  public long registryGeneration() {
    return registryGeneration(sql);
  }

  static long registryGeneration(Sql sql) {
    return sql.call(
        "read the registry generation",
        h ->
            h.createQuery("SELECT value FROM registry_generation WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }
}
