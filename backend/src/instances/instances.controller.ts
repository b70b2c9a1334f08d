import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createInstanceSchema, instanceAccessSchema, instanceListSchema, instanceSchema, updateInstanceSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AccessReviewService } from './access-review.service';
import { InstancesService } from './instances.service';

class InstanceDto extends createZodDto(instanceSchema) {}
class InstanceListDto extends createZodDto(instanceListSchema) {}
class CreateInstanceDto extends createZodDto(createInstanceSchema) {}
class UpdateInstanceDto extends createZodDto(updateInstanceSchema) {}
class InstanceAccessDto extends createZodDto(instanceAccessSchema) {}

@ApiTags('instances')
@Controller('instances')
export class InstancesController {
  constructor(
    private readonly instances: InstancesService,
    private readonly accessReview: AccessReviewService,
  ) {}

  @Get()
  @RequirePermission('instances:read', { anyInstance: true })
  @ApiOperation({ summary: 'Instances you can read' })
  @ZodResponse({ status: 200, type: InstanceListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<InstanceListDto> {
    return { items: await this.instances.list(principal) };
  }

  @Post()
  @RequirePermission('instances:write')
  @ApiOperation({ summary: 'Register an instance; the connection URL is a secret (stored encrypted, env reference or memory only)' })
  @ZodResponse({ status: 201, type: InstanceDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateInstanceDto, @Client() client: ClientContext): Promise<InstanceDto> {
    return this.instances.create(actor, body, client);
  }

  @Get(':id')
  @RequirePermission('instances.settings:read', { instanceParam: 'id' })
  @ZodResponse({ status: 200, type: InstanceDto })
  get(@Param('id') id: string): Promise<InstanceDto> {
    return this.instances.get(id);
  }

  @Patch(':id')
  @RequirePermission('instances.settings:write', { instanceParam: 'id' })
  @ApiOperation({ summary: 'Change an instance; fields left out (including its secret) stay as they are. The connection needs instances.connection:write' })
  @ZodResponse({ status: 200, type: InstanceDto })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() body: UpdateInstanceDto,
    @Client() client: ClientContext,
  ): Promise<InstanceDto> {
    return this.instances.update(actor, id, body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('instances:write', { instanceParam: 'id' })
  @ApiNoContentResponse({ description: 'Deleted with everything collected from it' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.instances.remove(actor, id, client);
  }

  @Get(':id/access')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'Access review: who can see or change this instance, through which role' })
  @ZodResponse({ status: 200, type: InstanceAccessDto })
  async access(@Param('id') id: string): Promise<InstanceAccessDto> {
    await this.instances.get(id);
    return this.accessReview.review(id);
  }
}
