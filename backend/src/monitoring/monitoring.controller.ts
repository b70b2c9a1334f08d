import { Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  collectResponseSchema,
  connectionTestResponseSchema,
  instanceStatusSchema,
  seriesBatchQuerySchema,
  seriesBatchResponseSchema,
  seriesQuerySchema,
  seriesResponseSchema,
  snapshotQuerySchema,
  snapshotResponseSchema,
  topStatementsQuerySchema,
  topStatementsResponseSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { RequirePermission } from '../access/decorators';
import { ConnectionsService } from '../connections';
import { ReplicaForwarding } from '../replicas/replica-forwarding';
import { CollectionService } from './collection.service';
import { MonitoringReadService } from './monitoring-read.service';
import { TopStatementsService } from './top-statements.service';

class CollectResponseDto extends createZodDto(collectResponseSchema) {}
class InstanceStatusDto extends createZodDto(instanceStatusSchema) {}
class SeriesQueryDto extends createZodDto(seriesQuerySchema) {}
class SeriesResponseDto extends createZodDto(seriesResponseSchema) {}
class SeriesBatchQueryDto extends createZodDto(seriesBatchQuerySchema) {}
class SeriesBatchResponseDto extends createZodDto(seriesBatchResponseSchema) {}
class SnapshotQueryDto extends createZodDto(snapshotQuerySchema) {}
class SnapshotResponseDto extends createZodDto(snapshotResponseSchema) {}
class ConnectionTestDto extends createZodDto(connectionTestResponseSchema) {}
class TopStatementsQueryDto extends createZodDto(topStatementsQuerySchema) {}
class TopStatementsResponseDto extends createZodDto(topStatementsResponseSchema) {}

const SCOPE = { instanceParam: 'id' } as const;

@ApiTags('monitoring')
@Controller('instances/:id')
export class MonitoringController {
  constructor(
    private readonly collection: CollectionService,
    private readonly read: MonitoringReadService,
    private readonly connections: ConnectionsService,
    private readonly topStatementsService: TopStatementsService,
  ) {}

  // Live views use the instance's one monitoring connection: another replica's goes to the replica holding it.
  @Post('test')
  @HttpCode(200)
  @UseInterceptors(ReplicaForwarding)
  @RequirePermission('instances.connection:read', SCOPE)
  @ApiOperation({ summary: 'Connect with the stored settings and report version, privileges (superuser, pg_monitor, write access) and extensions' })
  @ZodResponse({ status: 200, type: ConnectionTestDto })
  test(@Param('id') id: string): Promise<ConnectionTestDto> {
    return this.connections.test(id);
  }

  @Post('collect')
  @HttpCode(200)
  @UseInterceptors(ReplicaForwarding)
  @RequirePermission('monitoring:write', SCOPE)
  @ApiOperation({ summary: 'Run every collector now; answers a summary per collector' })
  @ZodResponse({ status: 200, type: CollectResponseDto })
  async collect(@Param('id') id: string): Promise<CollectResponseDto> {
    return { instanceId: id, collectors: await this.collection.collectAll(id) };
  }

  @Get('status')
  @RequirePermission('monitoring:read', SCOPE)
  @ApiOperation({ summary: 'Up, down or degraded, with each collector’s last run, cost and error' })
  @ZodResponse({ status: 200, type: InstanceStatusDto })
  status(@Param('id') id: string): Promise<InstanceStatusDto> {
    return this.read.instanceStatus(id);
  }

  @Get('metrics')
  @RequirePermission('monitoring:read', SCOPE)
  @ApiOperation({ summary: 'One metric as series per object, averaged server-side into at most maxPoints buckets' })
  @ZodResponse({ status: 200, type: SeriesResponseDto })
  series(@Param('id') id: string, @Query() query: SeriesQueryDto): Promise<SeriesResponseDto> {
    return this.read.series(id, query);
  }

  @Get('metrics/batch')
  @RequirePermission('monitoring:read', SCOPE)
  @ApiOperation({
    summary: 'Several metrics (`metric` or `metric:object`, comma-separated) over one window, in the order asked; 400 names an undeclared metric',
  })
  @ZodResponse({ status: 200, type: SeriesBatchResponseDto })
  seriesBatch(@Param('id') id: string, @Query() query: SeriesBatchQueryDto): Promise<SeriesBatchResponseDto> {
    return this.read.seriesBatch(id, query);
  }

  @Get('activity')
  @RequirePermission('monitoring.activity:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  activity(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'activity', query);
  }

  @Get('statements')
  @RequirePermission('monitoring.queries:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  statements(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'statements', query);
  }

  @Get('statements/top')
  @RequirePermission('monitoring.queries:read', SCOPE)
  @ApiOperation({ summary: 'Top statements over a time range, summed from stored counter deltas (not since the last statistics reset)' })
  @ZodResponse({ status: 200, type: TopStatementsResponseDto })
  topStatements(@Param('id') id: string, @Query() query: TopStatementsQueryDto): Promise<TopStatementsResponseDto> {
    return this.topStatementsService.top(id, query);
  }

  @Get('tables')
  @RequirePermission('monitoring.tables:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  tables(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'tables', query);
  }

  @Get('indexes')
  @RequirePermission('monitoring.tables:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  indexes(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'indexes', query);
  }

  @Get('databases')
  @RequirePermission('monitoring:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  databases(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'databases', query);
  }

  @Get('settings')
  @RequirePermission('monitoring.settings:read', SCOPE)
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  settings(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.read.snapshot(id, 'settings', query);
  }
}
