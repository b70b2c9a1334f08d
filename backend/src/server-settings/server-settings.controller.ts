import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { settingChangesQuerySchema, settingChangesResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { RequirePermission } from '../access/decorators';
import { MetricsReader } from '../metrics/metrics.reader';

class SettingChangesQueryDto extends createZodDto(settingChangesQuerySchema) {}
class SettingChangesResponseDto extends createZodDto(settingChangesResponseSchema) {}

/** What changed in a monitored server's configuration, as the instance collector saw it. */
@ApiTags('monitoring')
@Controller('instances/:id/settings/changes')
export class ServerSettingsController {
  constructor(private readonly metrics: MetricsReader) {}

  @Get()
  @RequirePermission('monitoring.settings:read', { instanceParam: 'id' })
  @ApiOperation({ summary: 'Server settings (pg_settings) that changed between collections, newest first' })
  @ZodResponse({ status: 200, type: SettingChangesResponseDto })
  async changes(@Param('id') id: string, @Query() query: SettingChangesQueryDto): Promise<SettingChangesResponseDto> {
    const { total, items } = await this.metrics.settingChanges(id, query);
    return {
      total,
      items: items.map((change) => ({
        at: change.at.toISOString(),
        name: change.name,
        previousValue: change.previousValue,
        newValue: change.newValue,
        unit: change.unit,
      })),
    };
  }
}
