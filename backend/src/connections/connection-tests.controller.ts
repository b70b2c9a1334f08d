import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { connectionChangeTestSchema, connectionDraftTestSchema, connectionTestResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { ReplicaForwarding } from '../replicas/replica-forwarding';
import { DraftConnectionTests } from './draft-connection-tests';

class ConnectionDraftTestDto extends createZodDto(connectionDraftTestSchema) {}
class ConnectionChangeTestDto extends createZodDto(connectionChangeTestSchema) {}
class ConnectionTestResultDto extends createZodDto(connectionTestResponseSchema) {}

/** Tests connection settings on the instance form before they are saved. */
@ApiTags('instances')
@Controller('instances')
export class ConnectionTestsController {
  constructor(private readonly drafts: DraftConnectionTests) {}

  @Post('connection-test')
  @HttpCode(200)
  @RequirePermission('instances:write')
  @ApiOperation({ summary: 'Test a new instance’s connection without saving it; refused settings answer 400 as saving would' })
  @ZodResponse({ status: 200, type: ConnectionTestResultDto })
  testNew(@CurrentPrincipal() actor: Principal, @Body() body: ConnectionDraftTestDto, @Client() client: ClientContext): Promise<ConnectionTestResultDto> {
    return this.drafts.testNew(actor, body, client);
  }

  // Unchanged settings are tested on the instance's one connection, by the replica that holds it.
  @Post(':id/connection-test')
  @HttpCode(200)
  @UseInterceptors(ReplicaForwarding)
  @RequirePermission('instances.connection:write', { instanceParam: 'id' })
  @ApiOperation({ summary: 'Test an instance’s connection as a change would leave it (fields left out are the stored ones), without saving' })
  @ZodResponse({ status: 200, type: ConnectionTestResultDto })
  testChange(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() body: ConnectionChangeTestDto,
    @Client() client: ClientContext,
  ): Promise<ConnectionTestResultDto> {
    return this.drafts.testChange(actor, id, body, client);
  }
}
