import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type Finding,
  type FindingQuery,
  type FindingSeverity,
  type FindingSummary,
  findingsRetentionSchema,
  grantsImply,
  INSPECTOR_SUBJECT,
  type Permission,
  type UpdateFinding,
} from '@inspector/contracts';
import { Brackets, type DataSource, IsNull, type Repository } from 'typeorm';
import { findAnalyzer } from '../analyzers/registry';
import { AuditService } from '../audit/audit.service';
import { canOnInstance, globalGrants, type InstanceScopeFacts } from '../access/access-policy';
import type { ClientContext, Principal } from '../access/principal';
import { InstanceDirectory } from '../instances/instance-directory';
import { AppSettingsStore } from '../app-settings/app-settings.store';
import { FindingEntity } from './finding.entity';
import { reconcile, type Reconciliation, type ReportedDraft } from './reconcile';

const RETENTION_KEY = 'findings.retention';
const DEFAULT_RETENTION = { resolvedRetentionDays: 90 };

/** Most severe first when sorted by severity, descending. */
const SEVERITY_ORDER = "CASE f.severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END";

/** Stores analysis results and serves findings: lists within the caller's instances, status changes, retention. */
@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(FindingEntity) private readonly findings: Repository<FindingEntity>,
    private readonly instances: InstanceDirectory,
    private readonly settings: AppSettingsStore,
    private readonly audit: AuditService,
  ) {}

  /** Merges one run into the stored findings of an instance (or of Inspector itself: null), in one transaction. */
  async record(instanceId: string | null, drafts: ReportedDraft[], ran: Pick<ReadonlySet<string>, 'has'>, now: Date): Promise<Reconciliation> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(FindingEntity);
      const result = reconcile(instanceId, await repository.findBy({ instanceId: instanceId ?? IsNull() }), drafts, ran, now);
      await repository.save(result.changed, { chunk: 100 });
      return result;
    });
  }

  /**
   * One instance's findings (`instanceId`, scope already checked by the guard) or those of every instance the
   * caller may read findings on, with Inspector's own findings for callers who may read findings everywhere.
   */
  async list(principal: Principal, query: FindingQuery, instanceId?: string): Promise<{ items: Finding[]; total: number }> {
    const all = await this.instances.summaries();
    const visible = all.filter((instance) =>
      instanceId ? instance.id === instanceId : canOnInstance(principal, 'findings:read', instance) && (!query.instance || instance.id === query.instance),
    );
    const withOwn = !instanceId && !query.instance && canOnFinding(principal, 'findings:read', null);
    if (visible.length === 0 && !withOwn) return { items: [], total: 0 };
    const builder = this.findings.createQueryBuilder('f').where(
      new Brackets((subjects) => {
        if (visible.length > 0) subjects.orWhere('f.instanceId IN (:...ids)', { ids: visible.map((instance) => instance.id) });
        if (withOwn) subjects.orWhere('f.instanceId IS NULL');
      }),
    );
    if (query.severity) builder.andWhere('f.severity IN (:...severities)', { severities: query.severity });
    if (query.status) builder.andWhere('f.status IN (:...statuses)', { statuses: query.status });
    if (query.analyzer) builder.andWhere('f.analyzerId = :analyzer', { analyzer: query.analyzer });
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.sort === 'severity') builder.orderBy(SEVERITY_ORDER, order).addOrderBy('f.lastSeenAt', 'DESC');
    else builder.orderBy('f.lastSeenAt', order);
    const [rows, total] = await builder.addOrderBy('f.id', 'ASC').limit(query.limit).offset(query.offset).getManyAndCount();
    const names = new Map(visible.map((instance) => [instance.id, instance.name]));
    return { items: rows.map((row) => toFinding(row, row.instanceId === null ? null : (names.get(row.instanceId) ?? null))), total };
  }

  /** Acknowledge, snooze or reopen, as the caller; a finding on an instance outside their scope does not exist for them. */
  async update(principal: Principal, id: string, change: UpdateFinding, client: ClientContext): Promise<Finding> {
    const row = await this.findings.findOneBy({ id });
    const instance = row?.instanceId ? await this.instances.summary(row.instanceId) : null;
    if (!row || (row.instanceId !== null && !instance) || !canOnFinding(principal, 'findings:read', instance)) throw new NotFoundException('Finding not found');
    if (!canOnFinding(principal, 'findings:write', instance)) throw new ForbiddenException('Requires permission findings:write');
    const now = new Date();
    applyChange(row, change, now);
    Object.assign(row, { statusChangedBy: principal.username, statusChangedAt: now });
    await this.findings.save(row);
    await this.audit.record({
      action: `finding.${change.action}`,
      outcome: 'success',
      actor: principal,
      client,
      target: { type: 'finding', id },
      details: { instanceId: row.instanceId, analyzerId: row.analyzerId, until: change.until ?? null },
    });
    return toFinding(row, instance?.name ?? null);
  }

  /** The Findings page's summary: unresolved counts on every instance the caller may read findings on, most critical first. */
  async summary(principal: Principal): Promise<FindingSummary> {
    const visible = (await this.instances.summaries()).filter((instance) => canOnInstance(principal, 'findings:read', instance));
    const counts = await this.unresolvedCounts(visible.map((instance) => instance.id));
    const items = visible.flatMap((instance) => {
      const found = counts.get(instance.id);
      return found ? [{ instanceId: instance.id, instanceName: instance.name, ...found }] : [];
    });
    items.sort((a, b) => b.critical - a.critical || b.warning - a.warning || b.info - a.info || a.instanceName.localeCompare(b.instanceName));
    return { items };
  }

  /** Unresolved findings per instance and severity (instances without any are left out). */
  async unresolvedCounts(instanceIds: readonly string[]): Promise<Map<string, Record<FindingSeverity, number>>> {
    const counts = new Map<string, Record<FindingSeverity, number>>();
    if (instanceIds.length === 0) return counts;
    const rows = await this.findings
      .createQueryBuilder('finding')
      .select('finding.instanceId', 'instanceId')
      .addSelect('finding.severity', 'severity')
      .addSelect('COUNT(*)', 'count')
      .where('finding.instanceId IN (:...ids)', { ids: [...instanceIds] })
      .andWhere('finding.status != :resolved', { resolved: 'resolved' })
      .groupBy('finding.instanceId')
      .addGroupBy('finding.severity')
      .getRawMany<{ instanceId: string; severity: FindingSeverity; count: string | number }>();
    for (const row of rows) {
      const instance = counts.get(row.instanceId) ?? { critical: 0, warning: 0, info: 0 };
      instance[row.severity] = Number(row.count);
      counts.set(row.instanceId, instance);
    }
    return counts;
  }

  async retention(): Promise<{ resolvedRetentionDays: number }> {
    return this.settings.get(RETENTION_KEY, findingsRetentionSchema, DEFAULT_RETENTION);
  }

  async setRetention(actor: Principal, value: { resolvedRetentionDays: number }, client: ClientContext): Promise<{ resolvedRetentionDays: number }> {
    await this.settings.set(RETENTION_KEY, value);
    await this.audit.record({ action: 'settings.findings-retention', outcome: 'success', actor, client, details: { ...value } });
    return value;
  }

  /** Removes resolved findings older than the retention; open ones stay whatever their age. */
  async purgeResolved(now = new Date()): Promise<number> {
    const { resolvedRetentionDays } = await this.retention();
    // Epoch milliseconds, not a Date: TypeORM does not run column transformers on query parameters.
    const result = await this.findings
      .createQueryBuilder()
      .delete()
      .where("status = 'resolved' AND resolved_at < :cutoff", { cutoff: now.getTime() - resolvedRetentionDays * 86_400_000 })
      .execute();
    return result.affected ?? 0;
  }
}

/** On an instance's finding, the caller's grants there; on Inspector's own (no instance), their global grants. */
function canOnFinding(principal: Principal, permission: Permission, instance: InstanceScopeFacts | null): boolean {
  return instance ? canOnInstance(principal, permission, instance) : grantsImply(globalGrants(principal), permission);
}

function applyChange(row: FindingEntity, change: UpdateFinding, now: Date): void {
  if (row.status === 'resolved') throw new ConflictException('The finding is resolved; it reopens by itself if the problem comes back');
  switch (change.action) {
    case 'acknowledge':
      Object.assign(row, { status: 'acknowledged', snoozedUntil: null });
      return;
    case 'snooze': {
      const until = new Date(change.until as string);
      if (until <= now) throw new BadRequestException('until must be in the future');
      Object.assign(row, { status: 'snoozed', snoozedUntil: until });
      return;
    }
    case 'reopen':
      Object.assign(row, { status: 'open', snoozedUntil: null });
      return;
  }
}

export function toFinding(row: FindingEntity, instanceName: string | null): Finding {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    analyzerId: row.analyzerId,
    category: findAnalyzer(row.analyzerId)?.category ?? null,
    severity: row.severity,
    instanceId: row.instanceId,
    instanceName: row.instanceId === null ? INSPECTOR_SUBJECT : instanceName,
    objects: row.objects,
    title: row.title,
    evidence: row.evidence,
    recommendation: row.recommendation,
    status: row.status,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    statusChangedBy: row.statusChangedBy,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}
