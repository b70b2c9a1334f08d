import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createUserRequestSchema,
  resetPasswordRequestSchema,
  setUserRolesRequestSchema,
  updateUserRequestSchema,
  userListSchema,
  userSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { z } from 'zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { UsersService } from './users.service';

class UserDto extends createZodDto(userSchema) {}
class UserListDto extends createZodDto(userListSchema) {}
class CreateUserDto extends createZodDto(createUserRequestSchema) {}
class UpdateUserDto extends createZodDto(updateUserRequestSchema) {}
class SetUserRolesDto extends createZodDto(setUserRolesRequestSchema) {}
class ResetPasswordDto extends createZodDto(resetPasswordRequestSchema) {}
class PageQueryDto extends createZodDto(
  z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }),
) {}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users:read')
  @ZodResponse({ status: 200, type: UserListDto })
  list(@Query() query: PageQueryDto): Promise<UserListDto> {
    return this.users.list(query.limit, query.offset);
  }

  @Get(':id')
  @RequirePermission('users:read')
  @ZodResponse({ status: 200, type: UserDto })
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Create a local user, optionally with role assignments you are allowed to grant' })
  @ZodResponse({ status: 201, type: UserDto })
  create(@CurrentPrincipal() actor: Principal, @Body() body: CreateUserDto, @Client() client: ClientContext): Promise<UserDto> {
    return this.users.create(actor, body, client);
  }

  @Patch(':id')
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Change display name or disable/enable (disabling ends the user’s sessions)' })
  @ZodResponse({ status: 200, type: UserDto })
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: UpdateUserDto, @Client() client: ClientContext): Promise<UserDto> {
    return this.users.update(actor, id, body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('users:write')
  @ApiNoContentResponse({ description: 'Deleted, with their sessions and assignments' })
  remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.users.remove(actor, id, client);
  }

  @Put(':id/roles')
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Replace the user’s role assignments (not your own)' })
  @ZodResponse({ status: 200, type: UserDto })
  setRoles(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: SetUserRolesDto, @Client() client: ClientContext): Promise<UserDto> {
    return this.users.setRoles(actor, id, body.assignments, client);
  }

  @Delete(':id/mfa')
  @HttpCode(204)
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Remove a user’s second factor and recovery codes (audited mfa.reset); they sign in with the password alone' })
  @ApiNoContentResponse({ description: 'Second factor removed' })
  resetSecondFactor(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.users.resetSecondFactor(actor, id, client);
  }

  @Post(':id/password')
  @HttpCode(204)
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Reset a user’s password (only if you hold every permission they hold); their sessions end' })
  @ApiNoContentResponse({ description: 'Password set' })
  resetPassword(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() body: ResetPasswordDto, @Client() client: ClientContext): Promise<void> {
    return this.users.resetPassword(actor, id, body.newPassword, client);
  }
}
