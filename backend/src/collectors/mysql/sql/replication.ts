import { defineQuery } from '../../sql/define';

/** One replication channel as SHOW ... STATUS reports it; column names differ by flavour and release. */
export type MysqlReplicaStatusRow = Record<string, string | number | null>;

/** MySQL 8.0.22 and later (REPLICATION CLIENT). */
export const MYSQL_REPLICA_STATUS = defineQuery<MysqlReplicaStatusRow>('mysql_replica_status', `SHOW REPLICA STATUS`, 'mysql');

/** MySQL 8.0 before 8.0.22. */
export const MYSQL_SLAVE_STATUS = defineQuery<MysqlReplicaStatusRow>('mysql_slave_status', `SHOW SLAVE STATUS`, 'mysql');

/** MariaDB: every named connection (multi-source replication); SLAVE MONITOR since 10.5.9. */
export const MARIADB_REPLICA_STATUS = defineQuery<MysqlReplicaStatusRow>('mariadb_replica_status', `SHOW ALL SLAVES STATUS`, 'mysql');
