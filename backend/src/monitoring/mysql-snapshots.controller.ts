import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { snapshotQuerySchema, snapshotResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { RequirePermission } from '../access/decorators';
import { MysqlSnapshotsService } from './mysql-snapshots.service';

class SnapshotQueryDto extends createZodDto(snapshotQuerySchema) {}
class SnapshotResponseDto extends createZodDto(snapshotResponseSchema) {}

const SCOPE = { instanceParam: 'id' } as const;

/** One route per kind, so each carries the permission of its PostgreSQL counterpart. */
@ApiTags('monitoring')
@Controller('instances/:id/mysql')
export class MysqlSnapshotsController {
  constructor(private readonly snapshots: MysqlSnapshotsService) {}

  @Get('activity')
  @RequirePermission('monitoring.activity:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB sessions with their transaction and the lock each waits for' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  activity(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'activity', query);
  }

  @Get('statements')
  @RequirePermission('monitoring.queries:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB statement digests, cumulative since performance_schema started' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  statements(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'statements', query);
  }

  @Get('tables')
  @RequirePermission('monitoring.tables:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB base tables of user schemas with their size estimates' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  tables(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'tables', query);
  }

  @Get('indexes')
  @RequirePermission('monitoring.tables:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB indexes of those tables with the rows read through each' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  indexes(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'indexes', query);
  }

  @Get('variables')
  @RequirePermission('monitoring.settings:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB global variables' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  variables(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'variables', query);
  }

  @Get('replicas')
  @RequirePermission('monitoring:read', SCOPE)
  @ApiOperation({ summary: 'MySQL / MariaDB replication channels of this server as a replica' })
  @ZodResponse({ status: 200, type: SnapshotResponseDto })
  replicas(@Param('id') id: string, @Query() query: SnapshotQueryDto): Promise<SnapshotResponseDto> {
    return this.snapshots.snapshot(id, 'replicas', query);
  }
}
