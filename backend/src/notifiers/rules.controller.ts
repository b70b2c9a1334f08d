import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createRuleSchema, ruleListSchema, ruleSchema, updateRuleSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { RulesService } from './rules.service';

class RuleDto extends createZodDto(ruleSchema) {}
class RuleListDto extends createZodDto(ruleListSchema) {}
class CreateRuleDto extends createZodDto(createRuleSchema) {}
class UpdateRuleDto extends createZodDto(updateRuleSchema) {}

@ApiTags('notifiers')
@Controller('notifiers/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @RequirePermission('notifiers:read')
  @ZodResponse({ status: 200, type: RuleListDto })
  async list(): Promise<RuleListDto> {
    return { items: await this.rules.list() };
  }

  @Post()
  @RequirePermission('notifiers:write')
  @ApiOperation({ summary: 'Route findings to a channel by minimum severity, instances or tags, analyzers and events' })
  @ZodResponse({ status: 201, type: RuleDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateRuleDto, @Client() client: ClientContext): Promise<RuleDto> {
    return this.rules.create(actor, body, client);
  }

  @Patch(':id')
  @RequirePermission('notifiers:write')
  @ZodResponse({ status: 200, type: RuleDto })
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: UpdateRuleDto, @Client() client: ClientContext): Promise<RuleDto> {
    return this.rules.update(actor, id, body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('notifiers:write')
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.rules.remove(actor, id, client);
  }
}
