import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { conversationPageSchema, conversationQuerySchema, conversationSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../../access/decorators';
import type { ClientContext, Principal } from '../../access/principal';
import { ConversationsService } from './conversations.service';

class ConversationQueryDto extends createZodDto(conversationQuerySchema) {}
class ConversationPageDto extends createZodDto(conversationPageSchema) {}
class ConversationDto extends createZodDto(conversationSchema) {}

const NOT_FOUND = 'No such conversation of yours, or its instance is outside your scope';

@ApiTags('assistant')
@Controller('assistant/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiOperation({ summary: 'Your kept conversations with the assistant, last active first; filter by instance' })
  @ZodResponse({ status: 200, type: ConversationPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ConversationQueryDto): Promise<ConversationPageDto> {
    return { ...(await this.conversations.list(principal, query)), limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiOperation({ summary: 'One of your conversations with its messages and the tools each answer called' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ZodResponse({ status: 200, type: ConversationDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ConversationDto> {
    return this.conversations.get(principal, id);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiNoContentResponse({ description: 'All your conversations deleted' })
  removeAll(@CurrentPrincipal() principal: Principal, @Client() client: ClientContext): Promise<void> {
    return this.conversations.removeAll(principal, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('assistant:read', { anyInstance: true })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.conversations.remove(principal, id, client);
  }
}
