import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectionSettingsSchema, collectorCatalogSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { AuditService } from '../audit/audit.service';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { COLLECTORS } from '../collectors';
import { CollectionSettingsService } from '../settings/collection-settings.service';

class CollectorCatalogDto extends createZodDto(collectorCatalogSchema) {}
class CollectionSettingsDto extends createZodDto(collectionSettingsSchema) {}

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
    const collectors = await Promise.all(
      COLLECTORS.map(async (collector) => ({
        id: collector.id,
        title: collector.title,
        defaultIntervalSeconds: collector.defaultIntervalSeconds,
        defaultRetentionDays: collector.defaultRetentionDays,
        ...(await this.settings.effective(collector)),
      })),
    );
    return { settings, collectors };
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
