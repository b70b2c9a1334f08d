import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { expandGrants } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import type { InstanceScopeFacts } from '../access/access-policy';
import { InstancesService } from './instances.service';

/** Answers "who can see or change this instance, and through which role". */
@Injectable()
export class AccessReviewService {
  constructor(
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    private readonly instances: InstancesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async review(instanceId: string) {
    const instance = await this.instances.find(instanceId);
    const rows = await this.assignments.find({ relations: { user: true, role: true } });
    const entries = rows.flatMap((row) => {
      const via = viaOf(row, instance!);
      const permissions = expandGrants(row.role?.permissions ?? []).filter(
        (permission) => !permission.startsWith('users') && !permission.startsWith('roles') && !permission.startsWith('audit'),
      );
      if (!via || !row.user || !row.role || permissions.length === 0) return [];
      return [{ userId: row.userId, username: row.user.username, disabled: row.user.disabled, roleId: row.roleId, roleName: row.role.name, via, permissions }];
    });
    entries.sort((a, b) => a.username.localeCompare(b.username) || a.roleName.localeCompare(b.roleName));
    return { instanceId, entries, emergencyAccount: this.config.auth.emergency !== null };
  }
}

function viaOf(row: RoleAssignmentEntity, instance: InstanceScopeFacts): 'global' | 'instance' | 'tag' | null {
  if (row.scope === null) return 'global';
  if (row.scope.instanceIds.includes(instance.id)) return 'instance';
  if (row.scope.tags.some((tag) => instance.tags.includes(tag))) return 'tag';
  return null;
}
