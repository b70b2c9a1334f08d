import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { openMetricsQuerySchema } from '@inspector/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { Principal } from '../access/principal';
import { CONTENT_TYPES, formatFor } from './exposition';
import { OpenMetricsService } from './openmetrics.service';

class OpenMetricsQueryDto extends createZodDto(openMetricsQuerySchema) {}

const TEXT = { schema: { type: 'string' as const, description: 'Metric families in the text exposition format' } };

@ApiTags('openmetrics')
@Controller('metrics')
export class OpenMetricsController {
  constructor(private readonly openMetrics: OpenMetricsService) {}

  @Get('openmetrics')
  @RequirePermission('openmetrics:read', { anyInstance: true })
  @ApiOperation({
    summary:
      'The latest collected values of every instance in your scope, for Prometheus: OpenMetrics when Accept asks for it, else the 0.0.4 text format; `collector` (repeatable) narrows it',
  })
  @ApiProduces(CONTENT_TYPES.openmetrics, CONTENT_TYPES.prometheus)
  @ApiOkResponse({ description: 'Metric families', content: { [CONTENT_TYPES.openmetrics]: TEXT, [CONTENT_TYPES.prometheus]: TEXT } })
  async scrape(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OpenMetricsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const format = formatFor(accept);
    const text = await this.openMetrics.scrape(principal, query, format);
    // Written as is: Express's send would reorder the media type's parameters, and each scrape is one caller's view.
    response.status(200).set({ 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': 'no-store' });
    response.end(text);
  }
}
