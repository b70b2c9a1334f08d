import { BadRequestException, HttpException } from '@nestjs/common';
import { createAppContext } from '../app.factory';
import type { AppConfig } from '../config/config';
import { BUILTIN_ROLES } from '../roles/builtin-roles';
import { UsersService } from '../users/users.service';
import type { CliCommand } from './commands';
import { readPasswordFromStdin } from './read-password';

/** Runs work against the app's services, turning API-style errors (policy, conflicts) into plain messages. */
async function withUsers<T>(config: AppConfig, work: (users: UsersService) => Promise<T>): Promise<T> {
  const context = await createAppContext(config);
  try {
    return await work(context.get(UsersService));
  } catch (error) {
    if (error instanceof HttpException) {
      const body = error.getResponse() as { message?: string; errors?: Array<{ message: string }> };
      const details = body.errors?.map((item) => item.message).join('; ');
      throw new Error(`${body.message ?? error.message}${details ? `: ${details}` : ''}`);
    }
    throw error;
  } finally {
    await context.close();
  }
}

function roleIdFor(name: string): string {
  const role = BUILTIN_ROLES.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!role) throw new BadRequestException(`unknown role "${name}"; use ${BUILTIN_ROLES.map((candidate) => candidate.name.toLowerCase()).join(', ')}`);
  return role.id;
}

export const userCommands: Record<string, CliCommand> = {
  'user:create': {
    summary: 'Create a local user: user:create <username> [--role admin|operator|viewer] (password on stdin)',
    async run(config, args, out) {
      const [username, flag, roleName = 'admin'] = args;
      if (!username || (flag !== undefined && flag !== '--role')) throw new Error('usage: user:create <username> [--role admin|operator|viewer]');
      const password = await readPasswordFromStdin();
      const user = await withUsers(config, (users) =>
        users.create(null, { username, password, assignments: [{ roleId: roleIdFor(roleName), scope: null }] }, null),
      );
      out(`Created user ${user.username} (${user.id}) with role ${user.assignments.map((assignment) => assignment.roleName).join(', ')}`);
    },
  },
  'user:reset-password': {
    summary: 'Set a user’s password and end their sessions: user:reset-password <username> (password on stdin)',
    async run(config, args, out) {
      const [username] = args;
      if (!username) throw new Error('usage: user:reset-password <username>');
      const password = await readPasswordFromStdin();
      await withUsers(config, async (users) => {
        const user = await users.findByUsername(username);
        if (!user) throw new Error(`no user named "${username}"`);
        await users.setPassword(user.id, password);
      });
      out(`Password of ${username} changed; their sessions ended`);
    },
  },
};
