import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { channelListSchema, channelSchema, channelTestResultSchema, createChannelSchema, updateChannelSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { ChannelsService } from './channels.service';

class ChannelDto extends createZodDto(channelSchema) {}
class ChannelListDto extends createZodDto(channelListSchema) {}
class CreateChannelDto extends createZodDto(createChannelSchema) {}
class UpdateChannelDto extends createZodDto(updateChannelSchema) {}
class ChannelTestResultDto extends createZodDto(channelTestResultSchema) {}

@ApiTags('notifiers')
@Controller('notifiers/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @RequirePermission('notifiers:read')
  @ZodResponse({ status: 200, type: ChannelListDto })
  async list(): Promise<ChannelListDto> {
    return { items: await this.channels.list() };
  }

  @Post()
  @RequirePermission('notifiers:write')
  @ApiOperation({ summary: 'Add a channel; its credential (HMAC key, Slack webhook URL, SMTP password) is a secret and is never returned' })
  @ZodResponse({ status: 201, type: ChannelDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateChannelDto, @Client() client: ClientContext): Promise<ChannelDto> {
    return this.channels.create(actor, body, client);
  }

  @Get(':id')
  @RequirePermission('notifiers:read')
  @ZodResponse({ status: 200, type: ChannelDto })
  get(@Param('id') id: string): Promise<ChannelDto> {
    return this.channels.get(id);
  }

  @Patch(':id')
  @RequirePermission('notifiers:write')
  @ApiOperation({ summary: 'Change a channel; `type` must name its type; fields left out (including its secret) stay as they are' })
  @ZodResponse({ status: 200, type: ChannelDto })
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: UpdateChannelDto, @Client() client: ClientContext): Promise<ChannelDto> {
    return this.channels.update(actor, id, body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('notifiers:write')
  @ApiNoContentResponse({ description: 'Deleted with its rules and delivery log' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.channels.remove(actor, id, client);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('notifiers:write')
  @ApiOperation({ summary: 'Send a test message now and say whether it arrived' })
  @ZodResponse({ status: 200, type: ChannelTestResultDto })
  test(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<ChannelTestResultDto> {
    return this.channels.test(actor, id, client);
  }
}
