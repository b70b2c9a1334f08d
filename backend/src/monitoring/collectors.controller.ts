import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectionSettingsSchema, collectorCatalogSchema, metricCatalogSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AuditService } from '../audit/audit.service';
import { Authenticated, Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { allCollectors, metricCatalog } from '../collectors';
import { CollectionSettingsService } from '../app-settings/collection-settings.service';

class CollectorCatalogDto extends createZodDto(collectorCatalogSchema) {}
class CollectionSettingsDto extends createZodDto(collectionSettingsSchema) {}
class MetricCatalogDto extends createZodDto(metricCatalogSchema) {}

@ApiTags('collectors')
@Controller('collectors')
export class CollectorsController {
  constructor(
    private readonly settings: CollectionSettingsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermission('config:read')
  @ApiOperation({ summary: 'Collectors with their defaults and effective interval, retention and state' })
  @ZodResponse({ status: 200, type: CollectorCatalogDto })
  async catalog(): Promise<CollectorCatalogDto> {
    const settings = await this.settings.get();
    // Running plugins' collectors too: they are retuned or switched off here like the built-in ones.
    const collectors = await Promise.all(
      allCollectors().map(async (collector) => ({
        id: collector.id,
        title: collector.title,
        defaultIntervalSeconds: collector.defaultIntervalSeconds,
        defaultRetentionDays: collector.defaultRetentionDays,
        ...(await this.settings.effective(collector)),
      })),
    );
    return { settings, collectors };
  }

  // Names, kinds and units of metrics: what any signed-in user's charts need, no instance data.
  @Get('metrics')
  @Authenticated()
  @ApiOperation({ summary: 'Every declared metric (name, kind, unit, label) with its collector, tier and snapshot kind' })
  @ZodResponse({ status: 200, type: MetricCatalogDto })
  metrics(): MetricCatalogDto {
    return metricCatalog();
  }

  @Put('settings')
  @RequirePermission('config.retention:write')
  @ApiOperation({ summary: 'Replace collection settings: per-collector interval, retention and on/off; query text privacy' })
  @ZodResponse({ status: 200, type: CollectionSettingsDto })
  async update(@CurrentPrincipal() actor: Principal, @Body() body: CollectionSettingsDto, @Client() client: ClientContext): Promise<CollectionSettingsDto> {
    const saved = await this.settings.set(body);
    await this.audit.record({ action: 'settings.collection', outcome: 'success', actor, client, details: { ...saved } });
    return saved;
  }
}
