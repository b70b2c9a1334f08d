import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { deliveryPageSchema, deliveryQuerySchema, notifierRetentionSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetentionService } from './delivery-retention.service';

class DeliveryQueryDto extends createZodDto(deliveryQuerySchema) {}
class DeliveryPageDto extends createZodDto(deliveryPageSchema) {}
class NotifierRetentionDto extends createZodDto(notifierRetentionSchema) {}

@ApiTags('notifiers')
@Controller('notifiers')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly retention: DeliveryRetentionService,
  ) {}

  @Get('deliveries')
  @RequirePermission('notifiers:read')
  @ApiOperation({ summary: 'Delivery log, newest first: status, attempts, last error and next attempt of each message' })
  @ZodResponse({ status: 200, type: DeliveryPageDto })
  async list(@Query() query: DeliveryQueryDto): Promise<DeliveryPageDto> {
    const { items, total } = await this.deliveries.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get('retention')
  @RequirePermission('config.retention:read')
  @ZodResponse({ status: 200, type: NotifierRetentionDto })
  getRetention(): Promise<NotifierRetentionDto> {
    return this.retention.get();
  }

  @Put('retention')
  @RequirePermission('config.retention:write')
  @ApiOperation({ summary: 'How many days the delivery log keeps entries (default 30)' })
  @ZodResponse({ status: 200, type: NotifierRetentionDto })
  setRetention(@CurrentPrincipal() actor: Principal, @Body() body: NotifierRetentionDto, @Client() client: ClientContext): Promise<NotifierRetentionDto> {
    return this.retention.set(actor, body, client);
  }
}
