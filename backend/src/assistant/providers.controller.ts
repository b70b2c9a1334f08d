import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createProviderSchema, providerListSchema, providerSchema, providerTestResultSchema, updateProviderSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { ProvidersService } from './providers.service';

class ProviderDto extends createZodDto(providerSchema) {}
class ProviderListDto extends createZodDto(providerListSchema) {}
class CreateProviderDto extends createZodDto(createProviderSchema) {}
class UpdateProviderDto extends createZodDto(updateProviderSchema) {}
class ProviderTestResultDto extends createZodDto(providerTestResultSchema) {}

@ApiTags('assistant')
@Controller('assistant/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiOperation({ summary: 'LLM providers the assistant can ask (to pick one); keys are described, never returned' })
  @ZodResponse({ status: 200, type: ProviderListDto })
  async list(): Promise<ProviderListDto> {
    return { items: await this.providers.list() };
  }

  @Post()
  @RequirePermission('assistant:write')
  @ApiOperation({ summary: 'Add an LLM provider (OpenAI or compatible such as Ollama and LM Studio, Anthropic, Google); its API key is a secret' })
  @ZodResponse({ status: 201, type: ProviderDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateProviderDto, @Client() client: ClientContext): Promise<ProviderDto> {
    return this.providers.create(actor, body, client);
  }

  @Patch(':id')
  @RequirePermission('assistant:write')
  @ApiOperation({ summary: 'Change a provider; fields left out (including its key) stay as they are' })
  @ZodResponse({ status: 200, type: ProviderDto })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() body: UpdateProviderDto,
    @Client() client: ClientContext,
  ): Promise<ProviderDto> {
    return this.providers.update(actor, id, body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('assistant:write')
  @ApiNoContentResponse({ description: 'Deleted, with its key' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.providers.remove(actor, id, client);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('assistant:write')
  @ApiOperation({ summary: 'Ask the model for one word and say whether it answered' })
  @ZodResponse({ status: 200, type: ProviderTestResultDto })
  test(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<ProviderTestResultDto> {
    return this.providers.test(actor, id, client);
  }
}
