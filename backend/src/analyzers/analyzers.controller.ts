import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { analyzerConfigListSchema, analyzerConfigSchema, updateAnalyzerConfigSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AnalyzerConfigService } from './analyzer-config.service';

class AnalyzerConfigDto extends createZodDto(analyzerConfigSchema) {}
class AnalyzerConfigListDto extends createZodDto(analyzerConfigListSchema) {}
class UpdateAnalyzerConfigDto extends createZodDto(updateAnalyzerConfigSchema) {}

const SCOPE = { instanceParam: 'id' } as const;

@ApiTags('analyzers')
@Controller()
export class AnalyzersController {
  constructor(private readonly config: AnalyzerConfigService) {}

  @Get('analyzers')
  @RequirePermission('config.thresholds:read')
  @ApiOperation({ summary: 'Every analyzer with its default thresholds, the global override and what applies' })
  @ZodResponse({ status: 200, type: AnalyzerConfigListDto })
  async list(): Promise<AnalyzerConfigListDto> {
    return { instanceId: null, items: await this.config.list(null) };
  }

  @Put('analyzers/:analyzerId')
  @RequirePermission('config.thresholds:write')
  @ApiOperation({ summary: 'Enable or disable an analyzer and override its thresholds for every instance' })
  @ZodResponse({ status: 200, type: AnalyzerConfigDto })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('analyzerId') analyzerId: string,
    @Body() body: UpdateAnalyzerConfigDto,
    @Client() client: ClientContext,
  ): Promise<AnalyzerConfigDto> {
    return this.config.updateGlobal(actor, analyzerId, body, client);
  }

  @Get('instances/:id/analyzers')
  @RequirePermission('config.thresholds:read', SCOPE)
  @ApiOperation({ summary: 'Analyzers as they apply on this instance, with its own overrides' })
  @ZodResponse({ status: 200, type: AnalyzerConfigListDto })
  async listForInstance(@Param('id') id: string): Promise<AnalyzerConfigListDto> {
    return { instanceId: id, items: await this.config.list(id) };
  }

  @Put('instances/:id/analyzers/:analyzerId')
  @RequirePermission('config.thresholds:write', SCOPE)
  @ApiOperation({ summary: 'Enable or disable an analyzer and override its thresholds on this instance only' })
  @ZodResponse({ status: 200, type: AnalyzerConfigDto })
  updateForInstance(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Param('analyzerId') analyzerId: string,
    @Body() body: UpdateAnalyzerConfigDto,
    @Client() client: ClientContext,
  ): Promise<AnalyzerConfigDto> {
    return this.config.updateInstance(actor, id, analyzerId, body, client);
  }
}
