import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { approvePluginRequestSchema, pluginListSchema, pluginSchema, pluginSettingsRequestSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { PluginsService } from './plugins.service';

class PluginDto extends createZodDto(pluginSchema) {}
class PluginListDto extends createZodDto(pluginListSchema) {}
class ApprovePluginDto extends createZodDto(approvePluginRequestSchema) {}
class PluginSettingsDto extends createZodDto(pluginSettingsRequestSchema) {}

@ApiTags('plugins')
@Controller('plugins')
export class PluginsController {
  constructor(private readonly plugins: PluginsService) {}

  @Get()
  @RequirePermission('plugins:read')
  @ApiOperation({ summary: 'Plugins found in PLUGIN_FOLDERS with their status, manifest and declared SQL' })
  @ZodResponse({ status: 200, type: PluginListDto })
  async list(): Promise<PluginListDto> {
    return { items: await this.plugins.list() };
  }

  @Post(':name/approve')
  @HttpCode(200)
  @RequirePermission('plugins:write')
  @ApiOperation({ summary: 'Approve the plugin as reviewed (its manifest hash); it starts at once. Refused (409) if it changed since' })
  @ZodResponse({ status: 200, type: PluginDto })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body() body: ApprovePluginDto,
    @Client() client: ClientContext,
  ): Promise<PluginDto> {
    return this.plugins.approve(name, body.manifestHash, principal, client);
  }

  @Post(':name/disable')
  @HttpCode(200)
  @RequirePermission('plugins:write')
  @ApiOperation({ summary: 'Disable the plugin: its worker stops at once and it runs again only when approved again' })
  @ZodResponse({ status: 200, type: PluginDto })
  disable(@CurrentPrincipal() principal: Principal, @Param('name') name: string, @Client() client: ClientContext): Promise<PluginDto> {
    return this.plugins.disable(name, principal, client);
  }

  @Put(':name/settings')
  @RequirePermission('plugins:write')
  @ApiOperation({
    summary:
      'Set the plugin’s declared settings and secrets (a name left out keeps its value, null clears it); a running plugin restarts with them. Secrets are never returned',
  })
  @ZodResponse({ status: 200, type: PluginDto })
  configure(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body() body: PluginSettingsDto,
    @Client() client: ClientContext,
  ): Promise<PluginDto> {
    return this.plugins.configure(name, body, principal, client);
  }
}
