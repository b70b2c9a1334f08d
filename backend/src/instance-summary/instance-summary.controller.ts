import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { instanceSummaryResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { RequirePermission } from '../access/decorators';
import { InstanceSummaryService } from './instance-summary.service';

class InstanceSummaryDto extends createZodDto(instanceSummaryResponseSchema) {}

@ApiTags('monitoring')
@Controller('instances/:id')
export class InstanceSummaryController {
  constructor(private readonly summaries: InstanceSummaryService) {}

  @Get('summary')
  @RequirePermission('monitoring:read', { instanceParam: 'id' })
  @ApiOperation({
    summary:
      'The instance at a glance: version, uptime, connections / max, active and blocked sessions, oldest transaction, XID age, longest query and cache hit ratio, each judged against its analyzer thresholds',
  })
  @ZodResponse({ status: 200, type: InstanceSummaryDto })
  summary(@Param('id') id: string): Promise<InstanceSummaryDto> {
    return this.summaries.summary(id);
  }
}
