import { Injectable } from '@nestjs/common';
import { CollectionSettingsService } from '../../app-settings/collection-settings.service';
import { FindingsService } from '../../findings/findings.service';
import { InstanceDirectory } from '../../instances/instance-directory';
import { MetricsReader } from '../../metrics/metrics.reader';
import { MonitoringReadService } from '../../monitoring/monitoring-read.service';
import { TopStatementsService } from '../../monitoring/top-statements.service';
import { PluginRuntimeService } from '../../plugins/plugin-runtime.service';

/** The owning modules' services the tools read through: one injectable so tool files stay plain declarations. */
@Injectable()
export class ToolServices {
  constructor(
    readonly directory: InstanceDirectory,
    readonly monitoring: MonitoringReadService,
    readonly topStatements: TopStatementsService,
    readonly findings: FindingsService,
    readonly metrics: MetricsReader,
    readonly collection: CollectionSettingsService,
    /** Approved plugins' tools. */
    readonly plugins: PluginRuntimeService,
  ) {}
}
