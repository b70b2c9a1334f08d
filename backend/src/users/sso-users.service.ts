import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RoleAssignmentInput } from '@inspector/contracts';
import { IsNull, Not, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/** A user whose account lives at the identity provider, keyed by the provider's (issuer, subject). */
export interface NewSsoUser {
  issuer: string;
  subject: string;
  username: string;
  displayName: string | null;
}

/** A role a provider group mapping gives, stored on the user with the mapping's id. */
export interface MappedAssignment {
  mappingId: string;
  roleId: string;
  scope: RoleAssignmentInput['scope'];
}

/** The users module's side of single sign-on: provisioning users and the roles their groups map to. */
@Injectable()
export class SsoUsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    private readonly usersService: UsersService,
    private readonly audit: AuditService,
  ) {}

  findBySsoIdentity(issuer: string, subject: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ ssoIssuer: issuer, ssoSubject: subject });
  }

  /** Just-in-time provisioning at a first single sign-on; 409 when the username is taken by anyone else. */
  async createSsoUser(input: NewSsoUser): Promise<UserEntity> {
    this.usersService.assertNameAvailable(input.username);
    if (await this.usersService.findByUsername(input.username)) throw new ConflictException(`A user named "${input.username}" already exists`);
    const now = new Date();
    const user: UserEntity = {
      id: randomUUID(),
      username: input.username,
      usernameKey: input.username.toLowerCase(),
      displayName: input.displayName,
      passwordHash: '',
      ssoIssuer: input.issuer,
      ssoSubject: input.subject,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    await this.users.insert(user);
    await this.audit.record({
      action: 'user.create',
      outcome: 'success',
      actor: { userId: null, username: 'single sign-on' },
      target: { type: 'user', id: user.id },
      details: { username: user.username, signInMethod: 'sso' },
    });
    return user;
  }

  /**
   * Replaces the roles that group mappings gave this user with `mapped`; roles given in Inspector stay. Not guarded
   * by keepingAnAdmin: the provider decides group membership, and refusing the sign-in would not give the role back.
   */
  async replaceMappedAssignments(userId: string, mapped: MappedAssignment[]): Promise<void> {
    await this.users.manager.transaction(async (manager) => {
      await manager.delete(RoleAssignmentEntity, { userId, mappingId: Not(IsNull()) });
      const now = new Date();
      for (const row of mapped) {
        await manager.insert(RoleAssignmentEntity, {
          id: randomUUID(),
          userId,
          roleId: row.roleId,
          scope: row.scope,
          mappingId: row.mappingId,
          createdAt: now,
        });
      }
    });
  }

  /** A deleted group mapping takes back what it gave at once, not at each user's next sign-in. */
  async removeMappedAssignments(mappingId: string): Promise<void> {
    await this.assignments.delete({ mappingId });
  }
}
