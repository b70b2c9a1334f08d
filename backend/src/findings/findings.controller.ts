import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  analyzeResponseSchema,
  findingPageSchema,
  findingQuerySchema,
  findingSchema,
  findingSummarySchema,
  findingsRetentionSchema,
  updateFindingSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AnalysisService } from './analysis.service';
import { FindingsService } from './findings.service';

class AnalyzeResponseDto extends createZodDto(analyzeResponseSchema) {}
class FindingDto extends createZodDto(findingSchema) {}
class FindingPageDto extends createZodDto(findingPageSchema) {}
class FindingSummaryDto extends createZodDto(findingSummarySchema) {}
class FindingQueryDto extends createZodDto(findingQuerySchema) {}
class UpdateFindingDto extends createZodDto(updateFindingSchema) {}
class FindingsRetentionDto extends createZodDto(findingsRetentionSchema) {}

@ApiTags('findings')
@Controller()
export class FindingsController {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly findings: FindingsService,
  ) {}

  @Post('instances/:id/analyze')
  @HttpCode(200)
  @RequirePermission('findings:write', { instanceParam: 'id' })
  @ApiOperation({ summary: 'Run every enabled analyzer on the data collected so far; answers what opened, changed and resolved' })
  @ZodResponse({ status: 200, type: AnalyzeResponseDto })
  analyze(@Param('id') id: string): Promise<AnalyzeResponseDto> {
    return this.analysis.analyze(id);
  }

  @Get('instances/:id/findings')
  @RequirePermission('findings:read', { instanceParam: 'id' })
  @ApiOperation({ summary: 'This instance’s findings, filterable by severity, status and analyzer, sorted and paginated' })
  @ZodResponse({ status: 200, type: FindingPageDto })
  async listForInstance(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: FindingQueryDto): Promise<FindingPageDto> {
    return { ...(await this.findings.list(principal, query, id)), limit: query.limit, offset: query.offset };
  }

  @Get('findings')
  @RequirePermission('findings:read', { anyInstance: true })
  @ApiOperation({ summary: 'Findings on every instance you can read findings on; filter by instance too' })
  @ZodResponse({ status: 200, type: FindingPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: FindingQueryDto): Promise<FindingPageDto> {
    return { ...(await this.findings.list(principal, query)), limit: query.limit, offset: query.offset };
  }

  @Get('findings/summary')
  @RequirePermission('findings:read', { anyInstance: true })
  @ApiOperation({ summary: 'Unresolved findings by instance and severity, on every instance you can read findings on' })
  @ZodResponse({ status: 200, type: FindingSummaryDto })
  summary(@CurrentPrincipal() principal: Principal): Promise<FindingSummaryDto> {
    return this.findings.summary(principal);
  }

  @Get('findings/retention')
  @RequirePermission('config.retention:read')
  @ZodResponse({ status: 200, type: FindingsRetentionDto })
  retention(): Promise<FindingsRetentionDto> {
    return this.findings.retention();
  }

  @Put('findings/retention')
  @RequirePermission('config.retention:write')
  @ApiOperation({ summary: 'How long resolved findings are kept' })
  @ZodResponse({ status: 200, type: FindingsRetentionDto })
  setRetention(@CurrentPrincipal() actor: Principal, @Body() body: FindingsRetentionDto, @Client() client: ClientContext): Promise<FindingsRetentionDto> {
    return this.findings.setRetention(actor, body, client);
  }

  @Patch('findings/:findingId')
  @RequirePermission('findings:write', { anyInstance: true })
  @ApiOperation({ summary: 'Acknowledge, snooze until a time, or reopen a finding; records who did it' })
  @ZodResponse({ status: 200, type: FindingDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('findingId') id: string,
    @Body() body: UpdateFindingDto,
    @Client() client: ClientContext,
  ): Promise<FindingDto> {
    return this.findings.update(principal, id, body, client);
  }
}
