import type { EntityManager } from 'typeorm';

/**
 * Runs a role change inside the caller's transaction and refuses it when it would leave no enabled admin (a custom
 * role can be what makes the last admin an admin). Provided by the users module, which knows who holds which role;
 * roles only know what each role grants.
 */
export abstract class LastAdminCheck {
  abstract keepingAnAdmin(manager: EntityManager, change: () => Promise<void>): Promise<void>;
}
