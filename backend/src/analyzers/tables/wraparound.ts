import { defineAnalyzer, maxSeverity } from '../analyzer';
import { days, transactions } from '../threshold';
import { describeProjection, projectedSeverity, secondsLeft } from '../projection';
import { quoteIdent } from '../sql-text';

/** PostgreSQL stops assigning transaction IDs a few million short of 2^31; aim well before that. */
const WRAPAROUND_LIMIT = 2_000_000_000;

/**
 * Transaction-ID age of each database's oldest unfrozen row. Severity is the worse of a fixed age and the
 * projection at the measured growth rate; the projection only counts once the age is past
 * autovacuum_freeze_max_age, because below it the age falls again whenever autovacuum freezes. Table ages are
 * not collected yet, so the finding names the database and how to find the tables.
 */
export const wraparound = defineAnalyzer({
  id: 'xid-wraparound',
  title: 'Transaction-ID wraparound risk',
  category: 'tables',
  description: 'Databases whose oldest unfrozen transaction ID is approaching the wraparound limit.',
  thresholdSchema: { warningAge: transactions(500_000_000), criticalAge: transactions(1_200_000_000), warningDays: days(30), criticalDays: days(7) },
  requires: ['databases'],
  series: ['databases.frozen_xid_age'],
  analyze(input, thresholds) {
    const freezeMaxAge = input.settingNumber('autovacuum_freeze_max_age') ?? 200_000_000;
    return input.rows('databases').flatMap((database) => {
      const age = database.frozen_xid_age;
      const trend = input.trend('databases.frozen_xid_age', database.database_name);
      const left = age > freezeMaxAge && trend ? secondsLeft(WRAPAROUND_LIMIT - age, trend.perSecond) : null;
      const fixed = age >= thresholds.criticalAge ? 'critical' : age >= thresholds.warningAge ? 'warning' : null;
      const severity = maxSeverity(fixed, projectedSeverity(left, thresholds.criticalDays, thresholds.warningDays));
      if (!severity) return [];
      return [
        {
          severity,
          objects: { database: database.database_name },
          title: `Database ${database.database_name} is at transaction-ID age ${(age / 1e6).toFixed(0)} million`,
          evidence: {
            frozenXidAge: age,
            limit: WRAPAROUND_LIMIT,
            autovacuumFreezeMaxAge: freezeMaxAge,
            xidsPerSecond: trend?.perSecond ?? null,
            secondsLeft: left,
          },
          recommendation: [
            `-- ${((age / WRAPAROUND_LIMIT) * 100).toFixed(0)} % of the way to the limit; ${trend ? describeProjection(left) : 'growth rate not measured yet'}.`,
            `-- In database ${quoteIdent(database.database_name)}, find the oldest tables and freeze them (check first for long transactions, prepared transactions and stale replication slots holding back the horizon):`,
            "SELECT c.oid::regclass, age(c.relfrozenxid) FROM pg_class c WHERE c.relkind IN ('r', 'm', 't') ORDER BY 2 DESC LIMIT 10;",
            'VACUUM (FREEZE, VERBOSE) <table>;',
          ].join('\n'),
        },
      ];
    });
  },
});
