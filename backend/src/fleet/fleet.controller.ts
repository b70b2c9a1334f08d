import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fleetQuerySchema, fleetResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { Principal } from '../access/principal';
import { FleetService } from './fleet.service';

class FleetQueryDto extends createZodDto(fleetQuerySchema) {}
class FleetResponseDto extends createZodDto(fleetResponseSchema) {}

@ApiTags('fleet')
@Controller('fleet')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @RequirePermission('monitoring:read', { anyInstance: true })
  @ApiOperation({ summary: 'Every instance you may monitor, worst first: status, last collection, unresolved findings, load, lag and XID age' })
  @ZodResponse({ status: 200, type: FleetResponseDto })
  board(@CurrentPrincipal() principal: Principal, @Query() query: FleetQueryDto): Promise<FleetResponseDto> {
    return this.fleet.board(principal, query);
  }
}
