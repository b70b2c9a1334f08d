import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createRoleRequestSchema,
  grantsImply,
  PERMISSION_AREAS,
  permissionCatalogSchema,
  PERMISSIONS,
  roleListSchema,
  roleSchema,
  updateRoleRequestSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { RolesService } from './roles.service';

class RoleDto extends createZodDto(roleSchema) {}
class RoleListDto extends createZodDto(roleListSchema) {}
class CreateRoleDto extends createZodDto(createRoleRequestSchema) {}
class UpdateRoleDto extends createZodDto(updateRoleRequestSchema) {}
class PermissionCatalogDto extends createZodDto(permissionCatalogSchema) {}

@ApiTags('roles')
@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('permissions')
  @RequirePermission('roles:read')
  @ApiOperation({ summary: 'The permission catalog with what each permission implies' })
  @ZodResponse({ status: 200, type: PermissionCatalogDto })
  catalog(): PermissionCatalogDto {
    return {
      items: PERMISSIONS.map((permission) => {
        const [area, action] = permission.split(':') as [keyof typeof PERMISSION_AREAS, 'read' | 'write'];
        return {
          permission,
          area,
          label: PERMISSION_AREAS[area].label,
          action,
          implies: PERMISSIONS.filter((other) => other !== permission && grantsImply([permission], other)),
        };
      }),
    };
  }

  @Get('roles')
  @RequirePermission('roles:read')
  @ApiOperation({ summary: 'All roles, built-in first' })
  @ZodResponse({ status: 200, type: RoleListDto })
  async list(): Promise<RoleListDto> {
    return { items: await this.roles.list() };
  }

  @Get('roles/:id')
  @RequirePermission('roles:read')
  @ZodResponse({ status: 200, type: RoleDto })
  get(@Param('id') id: string): Promise<RoleDto> {
    return this.roles.get(id);
  }

  @Post('roles')
  @RequirePermission('roles:write')
  @ApiOperation({ summary: 'Create a custom role (only with permissions you hold yourself)' })
  @ZodResponse({ status: 201, type: RoleDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateRoleDto, @Client() client: ClientContext): Promise<RoleDto> {
    return this.roles.create(actor, body, client);
  }

  @Patch('roles/:id')
  @RequirePermission('roles:write')
  @ZodResponse({ status: 200, type: RoleDto })
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: UpdateRoleDto, @Client() client: ClientContext): Promise<RoleDto> {
    return this.roles.update(actor, id, body, client);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermission('roles:write')
  @ApiOperation({ summary: 'Delete a custom role; its assignments go with it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.roles.remove(actor, id, client);
  }
}
